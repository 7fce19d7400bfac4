"""Date and number formats where Django's own for a site language are not the ones we use.

Django's "en" formats are American ("Feb. 12, 2019"); the site's English is British, so
cleantech_site/formats/en/ overrides them. Swedish ("12 februari 2019", 2019-02-12) and
Finnish ("12. helmikuuta 2019", 12.2.2019) follow their conventions in Django already.
"""
