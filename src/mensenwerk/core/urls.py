from django.urls import path

from mensenwerk.core import views

app_name = "core"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("start/digest/", views.digest_toggle, name="digest_toggle"),
    path("me/", views.me, name="me"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/import/", views.import_upload, name="import_upload"),
    path("people/import/<int:pk>/map/", views.import_map, name="import_map"),
    path("people/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("departments/", views.departments, name="departments"),
    path("organisation/", views.organisation, name="organisation"),
    path("jobs/<int:pk>/", views.job_status, name="job_status"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_edit, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/send-link/", views.user_send_link, name="user_send_link"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/service/new/", views.service_new, name="service_new"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
