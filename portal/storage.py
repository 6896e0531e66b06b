"""Where uploaded media is written: the local file system, failing cleanly.

When the media directory cannot be written (read-only, missing, full), Django's
``FileSystemStorage`` raises whatever ``OSError`` the system gave and, if the disk filled
up mid-write, leaves the file cut short. ``MediaStorage`` removes such a part and raises
``MediaStorageError``, which ``portal.middleware.MediaStorageErrorMiddleware`` tells the
editor about in the admin.
"""

import os

from django.core.files.storage import FileSystemStorage


class MediaStorageError(OSError):
    """A file could not be written to the media storage."""


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError as error:
            if not existed and os.path.lexists(full_path):
                os.remove(full_path)  # what was written of it before the write failed
            raise MediaStorageError(error.errno, error.strerror, name) from error
