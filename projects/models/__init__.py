"""The projects app's models: snippets that projects refer to, and the project pages."""

from .pages import (
    Currency,
    DatePrecision,
    ProjectCoFinancier,
    ProjectFocusArea,
    ProjectGalleryImage,
    ProjectIndexPage,
    ProjectKeyFigure,
    ProjectPage,
    ProjectPartner,
    Status,
)
from .snippets import COUNTRY_NAMES, FocusArea, Fund, FundingProgramme, Organisation

__all__ = [
    "COUNTRY_NAMES",
    "Currency",
    "DatePrecision",
    "FocusArea",
    "Fund",
    "FundingProgramme",
    "Organisation",
    "ProjectCoFinancier",
    "ProjectFocusArea",
    "ProjectGalleryImage",
    "ProjectIndexPage",
    "ProjectKeyFigure",
    "ProjectPage",
    "ProjectPartner",
    "Status",
]
