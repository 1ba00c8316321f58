from django.urls import path

from mensenwerk.analytics import views

app_name = "analytics"
urlpatterns = [
    path("analytics/surveys/", views.surveys_page, name="surveys"),
    path("analytics/surveys/upload/", views.survey_upload, name="survey_upload"),
    path("analytics/surveys/<int:pk>/map/", views.survey_map, name="survey_map"),
    path("analytics/surveys/<int:pk>/", views.survey_page, name="survey"),
    path("analytics/surveys/<int:pk>/report.pdf", views.survey_pdf, name="survey_pdf"),
    path("analytics/surveys/open/", views.survey_open, name="survey_open"),
    path("analytics/surveys/<int:pk>/close/", views.survey_close, name="survey_close"),
    path("analytics/surveys/<int:pk>/answer/", views.survey_answer, name="survey_answer"),
    path("analytics/retention/", views.retention, name="retention"),
    path("analytics/retention/upload/", views.retention_upload, name="retention_upload"),
    path("analytics/retention/<int:pk>/map/", views.retention_map, name="retention_map"),
    path("analytics/retention/settings/", views.retention_settings, name="retention_settings"),
    path("analytics/retention/people/", views.people, name="people"),
    path("analytics/retention/people/<int:pk>/", views.person, name="person"),
    path("analytics/retention/people/<int:pk>/stay/", views.stay, name="stay"),
]
