from django.urls import path

from mensenwerk.adoption import views

app_name = "adoption"
urlpatterns = [
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/use-cases/", views.use_cases, name="use_cases"),
    path("cockpit/use-cases/<int:pk>/", views.use_case, name="use_case"),
    path("cockpit/weights/", views.weights, name="weights"),
    path("cockpit/stakeholders/", views.stakeholders, name="stakeholders"),
    path("cockpit/trust/", views.trust, name="trust"),
    path("cockpit/trust/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("cockpit/roadmap/", views.roadmap, name="roadmap"),
    path("cockpit/kpis/", views.kpis, name="kpis"),
    path("cockpit/kpis/<int:pk>/value/", views.kpi_value, name="kpi_value"),
    path("cockpit/roi/", views.roi, name="roi"),
    path("cockpit/literacy/", views.literacy, name="literacy"),
    path("cockpit/champions/", views.champions, name="champions"),
    path("cockpit/reports/works-council.pdf", views.works_council_report, name="wc_report"),
    path("cockpit/reports/subscription", views.report_subscription, name="report_subscription"),
    path("cockpit/reports/<slug:kind>.pdf", views.report, name="report"),
    path("cockpit/edit/<slug:kind>/new/", views.edit, name="new"),
    path("cockpit/edit/<slug:kind>/<int:pk>/", views.edit, name="edit"),
    path("cockpit/edit/<slug:kind>/<int:pk>/delete/", views.delete, name="delete"),
    path("pulse/", views.pulse, name="pulse"),
]
