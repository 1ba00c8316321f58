from django.urls import path

from mensenwerk.bias import views

app_name = "bias"
urlpatterns = [
    path("fairness/", views.fairness, name="fairness"),
    path("fairness/publish/", views.publish, name="publish"),
    path("fairness/audits/<int:pk>/", views.audit, name="audit"),
    path("fairness/audits/<int:pk>/report.pdf", views.audit_pdf, name="audit_pdf"),
    path("fairness/questions/", views.questions, name="questions"),
    path("fairness/questions/<int:pk>/toggle/", views.question_toggle, name="question_toggle"),
    path("fairness/alerts/<int:pk>/handle/", views.alert_handle, name="alert_handle"),
]
