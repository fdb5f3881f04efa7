"""The schema version the library expects is the number of migrations that exist."""

from reader import migrations
from reader.library import SCHEMA_VERSION


def test_schema_version_counts_the_migrations() -> None:
    assert migrations.latest_version() == SCHEMA_VERSION
