"""What news adds to other apps' pages.

News builds on projects (articles link projects), so a project page does not import news:
it asks the project page context hook, and news answers with the articles about it.
"""

from wagtail import hooks

from projects.models.pages import PROJECT_PAGE_CONTEXT_HOOK

from .models import news_about


@hooks.register(PROJECT_PAGE_CONTEXT_HOOK)
def add_news_about_project(page, request):
    return {"project_news": news_about(page)}
