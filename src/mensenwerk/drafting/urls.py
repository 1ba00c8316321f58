from django.urls import path

from mensenwerk.drafting import views

app_name = "drafting"
urlpatterns = [
    path("people/<int:pk>/draft/<slug:kind>/", views.new, name="new"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("people/<int:pk>/draft/ask-manager", views.ask_manager, name="ask_manager"),
    path("draft-input/<int:pk>/", views.answer, name="answer"),
    path("documents/<int:pk>/approve", views.approve, name="approve"),
    path("documents/<int:pk>/download.<slug:fmt>", views.download, name="download"),
]
