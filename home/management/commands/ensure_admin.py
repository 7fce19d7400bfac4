"""Make sure an administrator account exists, complete enough to use.

Wagtail's account form requires a first name, a last name and an e-mail address, so an
account without them cannot save its preferences (not even the admin's language). The
command fills whichever of them are empty, from ADMIN_FIRST_NAME, ADMIN_LAST_NAME and
ADMIN_EMAIL, or from defaults that the account form accepts; it never overwrites what the
administrator has entered.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


def profile_from_environment(username):
    """The name and e-mail address an admin account gets where its own are empty."""
    return {
        "first_name": os.environ.get("ADMIN_FIRST_NAME", "").strip() or "Site",
        "last_name": os.environ.get("ADMIN_LAST_NAME", "").strip() or "Administrator",
        "email": os.environ.get("ADMIN_EMAIL", "").strip() or f"{username}@localhost",
    }


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. Uses ADMIN_USERNAME and ADMIN_PASSWORD "
        "when set; otherwise creates 'admin' with a generated password, printed once. "
        "Fills an empty first name, last name and e-mail address from ADMIN_FIRST_NAME, "
        "ADMIN_LAST_NAME and ADMIN_EMAIL (or defaults)."
    )

    def handle(self, *args, **options):
        users = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not username.strip():
            raise CommandError("ADMIN_USERNAME is set but empty: name the admin account.")
        profile = profile_from_environment(username)
        user = users.objects.filter(username=username).first()
        if user is not None:
            missing = [field for field, value in profile.items() if not getattr(user, field)]
            for field in missing:
                setattr(user, field, profile[field])
            if password:
                user.set_password(password)
            changed = missing + (["password"] if password else [])
            if changed:
                user.save(update_fields=changed)
            if missing:
                self.stdout.write(f"Admin account '{username}': filled {', '.join(missing)}.")
            if password:
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
        users.objects.create_superuser(
            username=username,
            email=profile["email"],
            password=password,
            first_name=profile["first_name"],
            last_name=profile["last_name"],
        )
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        if generated:
            self.stdout.write(
                f"  Log in at /admin/ as '{username}' with password: {password}\n"
                "  It is shown only this once; change it with "
                f"python manage.py changepassword {username}"
            )
