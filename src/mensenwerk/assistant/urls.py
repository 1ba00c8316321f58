from django.urls import path

from mensenwerk.assistant import public_views, views

app_name = "assistant"
urlpatterns = [
    path("assistant/", views.chat, name="chat"),
    path("assistant/welcome/", views.welcome, name="welcome"),
    path("assistant/questions/<int:pk>/rate/", views.rate, name="rate"),
    path("assistant/questions/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("assistant/passages/<int:pk>/", views.passage, name="passage"),
    path("assistant/documents/", views.documents, name="documents"),
    path("assistant/documents/<int:pk>/", views.document, name="document"),
    path("assistant/inbox/", views.inbox, name="inbox"),
    path("assistant/inbox/<int:pk>/", views.reply, name="reply"),
    path("assistant/gaps/", views.gaps, name="gaps"),
    path("careers/ask/", public_views.public_ask, name="public"),
    path("careers/ask/<int:pk>/escalate/", public_views.public_escalate, name="public_escalate"),
    path("careers/passages/<int:pk>/", public_views.public_passage, name="public_passage"),
]
