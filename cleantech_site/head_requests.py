"""A HEAD request gets the headers of its GET and no body.

Django answers HEAD with the GET's response, body included, and leaves dropping it to
the server: gunicorn does, with a warning in the log for every such request (uptime
monitors send many).
"""


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = response.get("Content-Length", str(len(response.content)))
            response.content = b""
            response["Content-Length"] = length
        return response
