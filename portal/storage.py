"""Where uploaded media is written: the local file system, failing cleanly.

When the media directory cannot be written (read-only, missing, full), Django's
``FileSystemStorage`` raises whatever ``OSError`` the system gave and, if the disk filled
up mid-write, leaves the file cut short. ``MediaStorage`` removes such a part and raises
``MediaStorageError``, which ``portal.middleware.MediaStorageErrorMiddleware`` tells the
editor about in the admin.
"""

import errno
import os

from django.core.files.storage import FileSystemStorage

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage


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


class ObjectMediaStorage(S3Storage):
    """Uploads in an S3-compatible bucket (``MEDIA_S3_BUCKET``, portal/settings/media.py).

    A bucket that cannot be reached or refuses the write raises ``MediaStorageError``, so the
    editor is told the same as when the local disk is full; S3 writes an object whole or not
    at all, so there is no part to remove.
    """

    def save(self, name, content, max_length=None):
        # Choosing a free name asks the bucket too, so the whole of saving is guarded.
        try:
            return super().save(name, content, max_length=max_length)
        except (BotoCoreError, ClientError) as error:
            raise MediaStorageError(errno.EIO, str(error), name) from error
