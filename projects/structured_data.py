"""schema.org descriptions of projects, for search engines and other machines.

A project is a schema.org Project (a kind of Organization): its partners are members with
their role, its co-financiers and the EU are funders, and the EU grant is a MonetaryGrant.
"""

from django.utils.translation import gettext

from home.images import social_cut

from .export import plain_number


def organisation_data(organisation):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if organisation.website:
        data["url"] = organisation.website
    address = {"@type": "PostalAddress", "addressCountry": organisation.country}
    if organisation.city:
        address["addressLocality"] = organisation.city
    data["address"] = address
    return data


def project_json_ld(page, request):
    """The JSON-LD of one project page, from the rows the page has already loaded."""
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": page.title,
        "description": page.summary,
    }
    if url:
        data["url"] = url
    if page.hero_image:
        data["image"] = request.build_absolute_uri(social_cut(request, page.hero_image).url)
    if page.start_date:
        data["foundingDate"] = page.start_iso
    if page.end_date:
        data["dissolutionDate"] = page.end_iso
    if page.region:
        data["areaServed"] = page.region
    if page.focus_areas:
        data["keywords"] = ", ".join(area.name for area in page.focus_areas)
    if page.showcase_distinction:
        data["award"] = page.showcase_distinction
    members = [
        {
            "@type": "OrganizationRole",
            "roleName": str(row.get_role_display()),
            "member": organisation_data(row.organisation),
        }
        for row in page.partner_rows
    ]
    if members:
        data["member"] = members
    funders = [organisation_data(row.organisation) for row in page.co_financier_rows]
    if page.is_eu_funded:
        european_union = {"@type": "Organization", "name": gettext("European Union")}
        funders.insert(0, european_union)
        grant = {
            "@type": "MonetaryGrant",
            "name": page.programme.name if page.programme else page.fund_name,
            "funder": european_union,
        }
        if page.fund_name and page.programme:
            grant["description"] = page.fund_name
        if page.eu_contribution is not None:
            grant["amount"] = {
                "@type": "MonetaryAmount",
                "currency": page.currency,
                "value": plain_number(page.eu_contribution),
            }
        data["funding"] = grant
    if funders:
        data["funder"] = funders
    if page.contact_name:
        contact = {"@type": "ContactPoint", "name": page.contact_name}
        if page.contact_role:
            contact["contactType"] = page.contact_role
        if page.contact_email:
            contact["email"] = page.contact_email
        if page.contact_phone:
            contact["telephone"] = page.contact_phone
        data["contactPoint"] = contact
    same_as = [link for link in (page.keep_eu_url, page.kohesio_url) if link]
    if same_as:
        data["sameAs"] = same_as
    return data
