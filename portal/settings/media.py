"""Where uploads are kept: the media directory, or an S3-compatible bucket.

Several app servers need one store of uploads that all of them see; ``object_storage``
builds the ``STORAGES["default"]`` entry for a bucket (AWS S3, MinIO, Ceph, or a cloud
provider's S3-compatible service). Production settings use it when ``MEDIA_S3_BUCKET`` is
set (docs/deployment.md).

Images and renditions are linked by plain object URLs, so the bucket (or the prefixes
``original_images/`` and ``images/``) must be readable publicly; signed URLs would expire
inside pages that the caches keep. Documents are never linked directly: the app reads them
with its own credentials and serves them after checking their collection's privacy
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), so ``documents/`` stays private.
"""


def object_storage(
    bucket,
    *,
    endpoint_url="",
    region="",
    access_key="",
    secret_key="",
    custom_domain="",
    path_style=False,
):
    options = {
        "bucket_name": bucket,
        # An upload with the name of an existing file gets a name of its own, as on disk.
        "file_overwrite": False,
        "querystring_auth": False,
        # The bucket's policy decides who may read, not a per-object ACL.
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    optional = {
        "endpoint_url": endpoint_url,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
        "custom_domain": custom_domain,
    }
    options.update({key: value for key, value in optional.items() if value})
    if path_style:
        # Self-hosted stores usually answer at one host, with the bucket in the path.
        options["addressing_style"] = "path"
    return {"BACKEND": "portal.storage.ObjectMediaStorage", "OPTIONS": options}


# The prefixes under which Wagtail keeps images and their renditions.
PUBLIC_PREFIXES = ("original_images/", "images/")


def public_read_policy(bucket):
    """The bucket policy that lets anyone read images and renditions, and nothing else.

    Print it for a new bucket with ``python -c "import json; from portal.settings.media
    import public_read_policy; print(json.dumps(public_read_policy('<bucket>')))"``.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }
