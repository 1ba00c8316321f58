"""Background tasks of bias monitoring (run by `mensenwerk worker`)."""

from django_tasks import task

from mensenwerk.bias import services


@task()
def check_bias(vacancy_id: int | None) -> int:
    return len(services.check_alerts(vacancy_id))
