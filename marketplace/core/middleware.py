from django.utils import translation


class ApiLanguageMiddleware:
    """The API's URLs carry no language prefix, so LocaleMiddleware would always pick the
    default language there; integrators choose theirs with Accept-Language instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
