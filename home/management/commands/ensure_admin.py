import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. Uses ADMIN_USERNAME and ADMIN_PASSWORD "
        "when set; otherwise creates 'admin' with a generated password, printed once."
    )

    def handle(self, *args, **options):
        users = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not username.strip():
            raise CommandError("ADMIN_USERNAME is set but empty: name the admin account.")
        user = users.objects.filter(username=username).first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"Admin account '{username}': password set from ADMIN_PASSWORD.")
            else:
                self.stdout.write(
                    f"Admin account '{username}' exists. Forgot the password? "
                    f"Run: python manage.py changepassword {username}"
                )
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        if generated:
            self.stdout.write(
                f"  Log in at /admin/ as '{username}' with password: {password}\n"
                "  It is shown only this once; change it with "
                f"python manage.py changepassword {username}"
            )
