from django.urls import path

from mensenwerk.skills import views

app_name = "skills"
urlpatterns = [
    path("skills/", views.overview, name="overview"),
    path("skills/my/", views.my, name="my"),
    path("skills/aliases/", views.alias, name="alias"),
    path("skills/budget/", views.budget, name="budget"),
    path("skills/teams/<int:pk>/", views.team, name="team"),
    path("skills/people/<int:pk>/", views.person_page, name="person"),
    path("skills/people/<int:pk>/add/", views.add_skill, name="add_skill"),
    path("skills/people/<int:pk>/cv/", views.from_cv, name="from_cv"),
    path("skills/people/<int:pk>/propose/", views.propose, name="propose"),
    path("skills/held/<int:pk>/remove/", views.remove_skill, name="remove_skill"),
    path("skills/plans/<int:pk>/decide/", views.decide, name="decide"),
    path("skills/plans/<int:pk>/agree/", views.agree, name="agree"),
    path("skills/plan-courses/<int:pk>/", views.course_status, name="course_status"),
    path("skills/people/<int:pk>/groups/", views.groups, name="groups"),
    path("skills/fairness/", views.fairness_page, name="fairness"),
    path("skills/catalogue/", views.catalogue, name="catalogue"),
    path("skills/roles/", views.profiles_page, name="profiles"),
    path("skills/roles/<int:pk>/suggest/", views.suggest, name="suggest"),
    path("skills/roles/<int:pk>/esco/", views.suggest_esco, name="suggest_esco"),
    path("skills/suggestions/<int:pk>/", views.take, name="take"),
    path("skills/roles/<int:pk>/", views.profile, name="profile"),
]
