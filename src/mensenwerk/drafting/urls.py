from django.urls import path

from mensenwerk.drafting import views

app_name = "drafting"
urlpatterns = [
    path("people/<int:pk>/draft/<slug:kind>/", views.new, name="new"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/approve", views.approve, name="approve"),
    path("documents/<int:pk>/download.<slug:fmt>", views.download, name="download"),
]
