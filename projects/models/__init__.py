"""The projects app's models: snippets that projects refer to, and the project pages."""

from .pages import (
    NEWEST_FIRST,
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
    for_cards,
)
from .snippets import COUNTRY_NAMES, FocusArea, Fund, FundingProgramme, Organisation

__all__ = [
    "COUNTRY_NAMES",
    "NEWEST_FIRST",
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
    "for_cards",
]
