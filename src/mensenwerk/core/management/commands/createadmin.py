import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mensenwerk.core import services
from mensenwerk.core.models import User
from mensenwerk.core.roles import Role


class Command(BaseCommand):
    help = "Create an administrator with the HR admin and IT admin roles."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options) -> None:
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"user {username!r} exists already")
        # a password from the environment lets installers script this; otherwise ask twice
        password = os.environ.get("MENSENWERK_ADMIN_PASSWORD", "")
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords differ")
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        services.do_create_user(username, password, [Role.HR, Role.IT], email=email, superuser=True)
        self.stdout.write(
            f"Administrator {username!r} created with the HR admin and IT admin roles."
        )
