"""The organisations, funding programmes and focus areas that projects refer to.

All three are translatable snippets: the text people read (names, cities) is translated
with wagtail-localize, while codes, years and addresses are synchronised from the Swedish
original, so every language agrees on the facts.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

# ISO 3166-1 alpha-2 codes of the countries that take part in EU cohesion and Interreg
# programmes: the EU member states and the neighbours that join Interreg programmes.
COUNTRIES = [
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("CH", _("Switzerland")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("GR", _("Greece")),
    ("HR", _("Croatia")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IS", _("Iceland")),
    ("IT", _("Italy")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("LV", _("Latvia")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SE", _("Sweden")),
    ("SI", _("Slovenia")),
    ("SK", _("Slovakia")),
]
COUNTRY_NAMES = dict(COUNTRIES)

# NUTS codes begin with the country's code, except for Greece (EL) and the UK (UK).
NUTS_PREFIXES = {"GR": "EL", "GB": "UK"}


class Fund(models.TextChoices):
    """The EU funds a programme or project can be financed by, by their usual acronym."""

    ERDF = "ERDF", _("European Regional Development Fund (ERDF)")
    ESF = "ESF", _("European Social Fund (ESF+)")
    CF = "CF", _("Cohesion Fund")
    JTF = "JTF", _("Just Transition Fund")
    EAFRD = "EAFRD", _("European Agricultural Fund for Rural Development")
    EMFAF = "EMFAF", _("European Maritime, Fisheries and Aquaculture Fund")


class SlugMixin(models.Model):
    """A stable code for links and filters, made from the name when left empty."""

    slug = models.SlugField(
        _("code"),
        max_length=80,
        blank=True,
        allow_unicode=False,
        help_text=_(
            "Short code used in web addresses and filters, for example energy. Made from the "
            "name when left empty; the same in every language, so do not change it later."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        if not self.slug:
            raise ValidationError({"slug": _("Give a code made of letters, digits and dashes.")})


class Organisation(index.Indexed, TranslatableMixin, models.Model):
    """A company, municipality, region or other body that takes part in or funds projects."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        UTILITY = "utility", _("Energy or utility company")
        BUSINESS_SUPPORT = "business_support", _("Business-support organisation")
        UNIVERSITY = "university", _("University or research institute")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The organisation's name as it is written in this language."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("An acronym or short form, for example VASEK. Optional."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.COMPANY,
        help_text=_("What sort of organisation this is."),
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("The city or town of its office, as it is written in this language."),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRIES,
        blank=True,
        help_text=_(
            "The country of its office. Leave empty only for a cross-border body that "
            "belongs to no single country."
        ),
    )
    nuts_code = models.CharField(
        _("NUTS code"),
        max_length=5,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2}[0-9A-Za-z]{0,3}$",
                message=_("A NUTS code is two capital letters and up to three more characters."),
            )
        ],
        help_text=_(
            "The EU statistical region of its office, for example SE331 for Västerbotten. "
            "Optional; used in the open data."
        ),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Optional."))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Shown small beside the name in partner lists."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country"), FieldPanel("nuts_code")]),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("short_name"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("city"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("country", overridable=False),
        SynchronizedField("nuts_code", overridable=False),
        SynchronizedField("website"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.nuts_code:
            self.nuts_code = self.nuts_code.strip().upper()
            prefix = NUTS_PREFIXES.get(self.country, self.country)
            if self.country and not self.nuts_code.startswith(prefix):
                raise ValidationError(
                    {
                        "nuts_code": _("A NUTS code in this country begins with %(prefix)s.")
                        % {"prefix": prefix}
                    }
                )


class FundingProgramme(index.Indexed, SlugMixin, TranslatableMixin, models.Model):
    """An EU programme that finances projects, such as Interreg Botnia-Atlantica."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The programme's name, for example Interreg Aurora."),
    )
    fund = models.CharField(
        _("fund"),
        max_length=8,
        choices=Fund.choices,
        default=Fund.ERDF,
        help_text=_("The EU fund the programme is financed by."),
    )
    period_start = models.PositiveSmallIntegerField(
        _("programme period from"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1988), MaxValueValidator(2100)],
        help_text=_("First year of the programme period, for example 2014."),
    )
    period_end = models.PositiveSmallIntegerField(
        _("programme period to"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1988), MaxValueValidator(2100)],
        help_text=_("Last year of the programme period, for example 2020."),
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Optional."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("fund"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("fund", overridable=False),
        SynchronizedField("period_start", overridable=False),
        SynchronizedField("period_end", overridable=False),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_programme_code_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The programme period cannot end before it starts.")}
            )

    @property
    def period(self):
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class FocusArea(index.Indexed, SlugMixin, TranslatableMixin, models.Model):
    """A theme such as energy or water, used to filter projects and to describe visits."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The theme as visitors read it, for example Energy."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_focus_area_code_per_locale"
            )
        ]

    def __str__(self):
        return self.name
