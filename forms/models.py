"""The visit booking page, its questions, the bookings it receives and the e-mails each
booking owes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cleantech_site.shared_data import KnownRestrictionsMixin, KnownURLMixin, by_generation
from home.mixins import IntroMixin

from . import mail, spam, values
from .builder import BookingFormBuilder
from .choices import BookingStatus, EmailKind, language_name

FIELD_TYPE_CHOICES = FORM_FIELD_CHOICES + (
    ("group_size", _("Group size")),
    ("preferred_dates", _("Preferred dates")),
    ("participants", _("Participant list")),
    ("organisation", _("Organiser's organisation")),
    ("phone", _("Phone number")),
)
# Four inputs a row: 200 rows stay below Django's limit of 1,000 fields in one post.
MAX_PARTICIPANT_ROWS = 200


class FormField(TranslatableMixin, AbstractFormField):
    """One question of a booking form, translated with its page."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=FIELD_TYPE_CHOICES
    )
    field_type.required_on_save = True
    staff_label = models.CharField(
        _("label for staff"),
        max_length=255,
        blank=True,
        help_text=_(
            "How staff see the question in the bookings list, exports and the staff e-mail, "
            'such as "Organiser" for "Your name". Empty: the label above.'
        ),
    )
    min_rows = models.PositiveSmallIntegerField(
        _("fewest participants"),
        default=0,
        validators=[MaxValueValidator(MAX_PARTICIPANT_ROWS)],
        help_text=_("Participant lists only: how many rows must be filled in."),
    )
    max_rows = models.PositiveSmallIntegerField(
        _("most participants"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANT_ROWS)],
        help_text=_(
            "Participant lists only: how many rows a visitor can fill in (at most 200). "
            "Lists may be shorter than the group size."
        ),
    )

    panels = AbstractFormField.panels + [
        FieldPanel("staff_label"),
        FieldRowPanel([FieldPanel("min_rows"), FieldPanel("max_rows")]),
    ]

    # Every language's submissions are stored under the Swedish field's name, so the name
    # and what decides the answer's shape follow the source page and cannot be changed
    # in a translation. Labels, help texts, choices and defaults are translated.
    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("min_rows", overridable=False),
        SynchronizedField("max_rows", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        # pk breaks ties, so rows without a sort order keep one order on every database
        ordering = ["sort_order", "pk"]
        unique_together = [("translation_key", "locale")]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def clean(self):
        super().clean()
        if self.min_rows > self.max_rows:
            raise ValidationError(
                {"min_rows": _("The fewest participants cannot be more than the most.")}
            )


class FormPage(KnownURLMixin, KnownRestrictionsMixin, IntroMixin, AbstractEmailForm):
    """A form page editors build, such as the visit booking, with what visitors need to know."""

    costs_notice = models.TextField(
        _("notice about costs"),
        max_length=600,
        blank=True,
        help_text=_(
            "Shown above the form, for example that visitors pay for their own travel, "
            "lodging, meals and interpreting."
        ),
    )
    privacy_text = models.TextField(
        _("privacy text"),
        max_length=600,
        blank=True,
        help_text=_(
            "Shown above the send button: what the details are used for and how long they "
            "are kept. The privacy policy is linked after it."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked after the privacy text, in the visitor's language when translated."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown after a booking has been sent."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    form_builder = BookingFormBuilder

    content_panels = [
        FormSubmissionsPanel(),
        *Page.content_panels,
        *IntroMixin.intro_panels,
        FieldPanel("costs_notice"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("privacy_text"),
        PageChooserPanel("privacy_page"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            help_text=_("The sender of both e-mails; empty for the site's own."),
                        ),
                        FieldPanel(
                            "subject",
                            help_text=_(
                                "Subject of the e-mail to staff; the booking number is added."
                            ),
                        ),
                    ]
                ),
            ],
            heading=_("E-mail"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    # Staff e-mail settings and the privacy link follow the Swedish page.
    override_translatable_fields = [
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
        SynchronizedField("subject"),
        SynchronizedField("privacy_page"),
    ]

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def get_submission_class(self):
        return Booking

    def get_submissions(self):
        """The bookings of this form in every language: one list for staff."""
        return Booking.objects.filter(page__translation_key=self.translation_key)

    def questions(self, language=None):
        """This form's questions in `language` (default: the active one), else the source's."""
        return questions_in([self.translation_key], language)[self.translation_key]

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """The form's submissions are bookings: they are listed, all forms and languages
        together, in the admin's one bookings list."""
        return redirect("bookings:index")

    def staff_addresses(self):
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

    def organiser_email_field(self, form_fields=None):
        """The name of the first e-mail question: where the confirmation goes."""
        for field in form_fields if form_fields is not None else self.get_form_fields():
            if field.field_type == "email":
                return field.clean_name
        return None

    def privacy_link(self):
        """The privacy policy in the active language when translated, else the chosen page.

        One query: the chosen page and its live translation in the active language.
        """
        if not self.privacy_page_id:
            return None
        family = Page.objects.filter(pk=self.privacy_page_id).values("translation_key")
        language = translation.get_language()
        pages = (
            Page.objects.live()
            .filter(translation_key__in=family)
            .filter(models.Q(pk=self.privacy_page_id) | models.Q(locale__language_code=language))
            .select_related("locale")
        )
        by_language = {page.locale.language_code: page for page in pages}
        return by_language.get(language) or next(iter(by_language.values()), None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor in a language until content changes.
        context["privacy_link"] = by_generation(
            request, ("privacy-link", self.pk, translation.get_language()), self.privacy_link
        )
        return context

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["token"] = spam.issue_token(self)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_booking(request)
        elif spam.over_token_limit(request):
            # No form and no token: only the notice, and when to come back.
            response = self.render_form(
                request, None, None, refusal=spam.MESSAGES["tokens_limited"], status=429
            )
            response["Retry-After"] = str(settings.BOOKING_RATE_LIMIT_TOKEN_WINDOW)
        else:
            form = self.get_form(page=self, user=request.user)
            response = self.render_form(request, form, spam.issue_token(self))
        # The page carries a CSRF token and a one-time form token: no cache may keep it.
        add_never_cache_headers(response)
        return response

    def serve_booking(self, request):
        """A visitor's post: refuse spam, show errors, or store the booking and thank them."""
        try:
            token = spam.check(request, self)
        except spam.Refusal as refusal:
            if refusal.keep_input:
                form = self.get_form(request.POST, page=self, user=request.user)
            else:
                form = self.get_form(page=self, user=request.user)
            return self.render_form(
                request, form, refusal.token, refusal=refusal.message, status=refusal.status
            )
        form = self.get_form(request.POST, page=self, user=request.user)
        if not form.is_valid():
            return self.render_form(request, form, token.value)
        booking, _created = self.store_booking(
            form, token=token.nonce, base_url=booking_base_url(request)
        )
        return self.render_landing_page(request, booking)

    def render_form(self, request, form, token, refusal=None, status=200):
        context = self.get_context(request)
        context.update({"form": form, "token": token, "refusal": refusal})
        if form is not None and not form.is_bound:
            context["blank_fields"] = self.blank_fields(request, form)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def blank_fields(self, request, form):
        """The markup of the empty form's questions, rendered once per language, day and
        content generation: most of the page's rendering time, and the same for every
        visitor. The CSRF and form tokens stay outside it, made for each request."""
        key = ("booking-fields", self.pk, translation.get_language(), timezone.localdate())
        return by_generation(
            request,
            key,
            lambda: mark_safe(  # noqa: S308 - the template's own output, escaped there
                render_to_string("forms/includes/form_fields.html", {"form": form})
            ),
        )

    def process_form_submission(self, form):
        """Wagtail's contract: store the submission and return it. The e-mails it owes are
        stored with it and sent by the worker, as for a visitor's booking."""
        booking, _created = self.store_booking(form)
        return booking

    def store_booking(self, form, token=None, base_url=""):
        """Store the booking and the e-mails it owes in one transaction; the worker sends
        them, or in development and tests this request once it has committed.

        Returns (booking, created); a token seen before returns the booking it already
        made, so a form sent twice stores one booking.

        `base_url` is the address the booking came through, kept for the links in its
        e-mails where the settings say so (development)."""
        try:
            language = self.locale.language_code
            questions = self.questions(language)
            with transaction.atomic():
                booking = Booking.objects.create(
                    page=self,
                    form_data=questions.to_source(form.cleaned_data),
                    language=language,
                    **values.listed_answers(form.cleaned_data, questions),
                    token=token,
                    base_url=base_url,
                )
                mail.owe_emails(booking, self)
                if settings.BOOKING_SEND_EMAILS_IN_REQUEST:

                    def send_owed_emails():
                        mail.deliver_for_booking(booking)

                    # robust: whatever happens while sending, the visitor is thanked.
                    transaction.on_commit(send_owed_emails, robust=True)
        except IntegrityError:
            existing = Booking.objects.filter(token=token).first() if token else None
            if existing is None:
                raise
            return existing, False
        return booking, True


def booking_base_url(request):
    """The scheme and host a booking was sent through, when its e-mails' links should
    follow it (development: whatever address and port the site is served on)."""
    if not settings.BOOKING_LINKS_FOLLOW_REQUEST:
        return ""
    return f"{request.scheme}://{request.get_host()}"


def questions_in(keys, language=None):
    """{translation key: Questions} for the form families of `keys`, as a reader of
    `language` (default: the active one) sees them: the questions of each form's
    translation into `language`, else of its source (Swedish) page. One query."""
    language = language or translation.get_language()
    source = settings.LANGUAGE_CODE
    keys = set(keys)
    rows = FormField.objects.filter(
        page__translation_key__in=keys, locale__language_code__in={language, source}
    ).annotate(
        family=models.F("page__translation_key"), in_language=models.F("locale__language_code")
    )
    grouped = {}
    for row in rows:
        grouped.setdefault((row.family, row.in_language), []).append(row)
    result = {}
    for key in keys:
        source_fields = grouped.get((key, source), [])
        result[key] = values.Questions(grouped.get((key, language)) or source_fields, source_fields)
    return result


class Booking(AbstractFormSubmission):
    """One submission of a booking form, with what staff record while handling it."""

    Status = BookingStatus

    language = models.CharField(
        _("language"), max_length=8, editable=False, help_text=_("The language it was sent in.")
    )
    # Copied from the answers when the booking is stored, so the list can show, sort and
    # name bookings without reading every form's questions (see values.listed_answers).
    organiser = models.CharField(_("organiser"), max_length=255, blank=True, editable=False)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text=_("Where the booking stands."),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_active": True},
        help_text=_("The person on staff who follows the booking up."),
    )
    agreed_date = models.DateField(
        _("agreed visit date"),
        null=True,
        blank=True,
        help_text=_("The date agreed with the organiser."),
    )
    notes = models.TextField(
        _("internal notes"),
        max_length=4000,
        blank=True,
        help_text=_("Only staff see these notes."),
    )
    # The random part of the form token it was sent with: a second post of the same form
    # finds this booking instead of making another.
    token = models.CharField(max_length=40, unique=True, null=True, editable=False)
    # Scheme and host the booking was sent through, recorded in development only, where
    # the site may be served on any address: the links in its e-mails follow it.
    base_url = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["submit_time"], name="forms_booking_submitted")]

    def __str__(self):
        """The organiser and the day it came: how staff name a booking. Log entries use
        `log_title` instead, so the log keeps nothing of a person once a booking is erased."""
        received = date_format(timezone.localtime(self.submit_time), "SHORT_DATE_FORMAT")
        if self.organiser:
            return f"{self.organiser}, {received}"
        return f"{self.log_title}, {received}"

    @property
    def log_title(self):
        return gettext("Booking %(number)s") % {"number": self.pk}

    @property
    def language_name(self):
        """The language it was sent in, named in the active language ("finska")."""
        return language_name(self.language)

    @property
    def email_state(self):
        """Whether the e-mails it owes have gone: shown to staff in the list."""
        emails = list(self.emails.all())
        if not emails:
            return gettext("None owed")
        unsent = [email for email in emails if email.sent_at is None]
        if not unsent:
            return gettext("Sent")
        if any(email.attempts for email in unsent):
            return gettext("Not sent: %(count)d failed") % {"count": len(unsent)}
        return gettext("Waiting to be sent")

    def organiser_email(self, page):
        name = page.organiser_email_field()
        address = self.form_data.get(name) if name else None
        return address if isinstance(address, str) and address else None


class BookingEmail(models.Model):
    """An e-mail a booking owes, and what happened when it was sent."""

    Kind = EmailKind

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(_("e-mail"), max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(_("owed since"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    # Set while a process is sending it, so the retry command and a request never both do.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # After a failed attempt: the worker tries again from this time on (see mail.backoff).
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking e-mail")
        verbose_name_plural = _("booking e-mails")
        ordering = ["booking", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "kind"], name="forms_one_email_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.booking_id})"
