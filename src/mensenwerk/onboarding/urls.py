from django.urls import path

from mensenwerk.onboarding import template_views, views

app_name = "onboarding"
urlpatterns = [
    path("onboarding/", views.overview, name="overview"),
    path("onboarding/new/", views.new, name="new"),
    path("onboarding/from-hris/", views.from_hris, name="from_hris"),
    path("onboarding/hire/<int:pk>/", views.hire, name="hire"),
    path("onboarding/plans/<int:pk>/", views.plan_page, name="plan"),
    path("onboarding/plans/<int:pk>/decide/", views.decide, name="decide"),
    path("onboarding/plans/<int:pk>/start/", views.move_start, name="move_start"),
    path("onboarding/plans/<int:pk>/buddy/", views.set_buddy, name="buddy"),
    path("onboarding/plans/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("onboarding/plans/<int:pk>/tasks/", views.add_task, name="add_task"),
    path("onboarding/plans/<int:pk>/link/", views.new_link, name="link"),
    path("onboarding/tasks/<int:pk>/", views.task_edit, name="task_edit"),
    path("onboarding/tasks/<int:pk>/done/", views.tick, name="tick"),
    path("onboarding/my/", views.my, name="my"),
    path("onboarding/welcome/<str:token>/", views.welcome, name="welcome"),
    path("onboarding/pulse/<str:token>/", views.pulse_page, name="pulse"),
    path("onboarding/templates/", template_views.templates, name="templates"),
    path("onboarding/templates/<int:pk>/", template_views.template, name="template"),
    path("onboarding/template-tasks/<int:pk>/", template_views.template_task, name="template_task"),
    path(
        "onboarding/template-tasks/<int:pk>/delete/",
        template_views.template_task_delete,
        name="template_task_delete",
    ),
]
