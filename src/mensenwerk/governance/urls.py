from django.urls import path, re_path

from mensenwerk.governance import views

app_name = "governance"
urlpatterns = [
    path("register/", views.register, name="register"),
    re_path(
        r"^register/export\.(?P<fmt>yaml|json|pdf)$", views.register_export, name="register_export"
    ),
    path("register/new/", views.application_new, name="application_new"),
    path("register/<slug:slug>/", views.application, name="application"),
    path("register/<slug:slug>/vendor/", views.vendor_edit, name="vendor_edit"),
    path("register/<slug:slug>/dpia-exemption/", views.dpia_exemption, name="dpia_exemption"),
    path("register/<slug:slug>/edit/", views.application_edit, name="application_edit"),
    path("register/<slug:slug>/activate/", views.application_activate, name="application_activate"),
    path(
        "register/<slug:slug>/deactivate/",
        views.application_deactivate,
        name="application_deactivate",
    ),
    path("register/<slug:slug>/overseers/", views.overseer_add, name="overseer_add"),
    path("register/<slug:slug>/documents/<str:kind>/<str:lang>/", views.document, name="document"),
    path("audit/", views.trail, name="trail"),
    re_path(r"^audit/export\.(?P<fmt>csv|json)$", views.trail_export, name="trail_export"),
    path("rights/", views.rights, name="rights"),
    path("rights/<int:pk>/close/", views.rights_close, name="rights_close"),
    re_path(
        r"^rights/subject/export\.(?P<fmt>pdf|json)$", views.subject_export, name="subject_export"
    ),
    path("rights/subject/erase/", views.subject_erase, name="subject_erase"),
]
