from django.urls import path

from mensenwerk.recruitment import ad_views, candidate_views, views

app_name = "recruitment"
urlpatterns = [
    path("vacancies/", views.vacancies, name="vacancies"),
    path("vacancies/new/", views.vacancy_new, name="vacancy_new"),
    path("vacancies/import/", views.vacancy_import, name="vacancy_import"),
    path("vacancies/<int:pk>/", views.vacancy, name="vacancy"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/vacancy.yaml", views.vacancy_file, name="vacancy_file"),
    path("vacancies/<int:pk>/check/", views.vacancy_check, name="vacancy_check"),
    path("vacancies/<int:pk>/draft-ad/", ad_views.draft_ad, name="vacancy_draft_ad"),
    path("vacancies/<int:pk>/draft-ad/use", ad_views.use_ad, name="vacancy_use_ad"),
    path("vacancies/<int:pk>/suggest/", views.vacancy_suggest, name="vacancy_suggest"),
    path("vacancies/<int:pk>/<str:action>/", views.vacancy_status, name="vacancy_status"),
    path("vacancies/<int:pk>/candidates", views.candidates, name="candidates"),
    path("vacancies/<int:pk>/interview-kit", views.interview_kit, name="interview_kit"),
    path("vacancies/<int:pk>/upload", views.upload, name="upload"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("applications/<int:pk>/reveal/", views.application_reveal, name="application_reveal"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application_screen"),
    path("applications/<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("messages/", views.templates, name="templates"),
    path("messages/<str:kind>/<str:lang>/", views.template_edit, name="template_edit"),
    path("apply/<uuid:public_id>/", candidate_views.apply, name="apply"),
    path("apply/status/<str:key>/", candidate_views.apply_status, name="apply_status"),
]
