"""Private file storage: files that no web server may hand out by URL.

MEDIA_ROOT is public (Django serves it at /media/ in DEBUG, a web server in production), so
files whose reading must be checked live under PRIVATE_MEDIA_ROOT instead and reach a browser
only through a view that checks permissions (e.g. listings' attachment view). The storage is
registered in STORAGES as "private"; model fields take it through `private_storage`, a callable,
so that migrations name the callable and not a path of this machine.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage under PRIVATE_MEDIA_ROOT without a base URL.

    Django's FileSystemStorage falls back to MEDIA_URL when base_url is None; this one does
    not: `url()` raises ValueError, so a template that asks a private file for its URL fails
    loudly instead of printing a /media/ address.
    """

    # Plain properties (not cached): the root follows PRIVATE_MEDIA_ROOT when tests change it.

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a checking view.")


def private_storage():
    """The "private" storage of STORAGES (a callable for FileField(storage=...))."""
    return storages["private"]
