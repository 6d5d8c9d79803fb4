"""The small province the dossier tests play in: the test kit's (`cchc_testkit.world`)."""

from cchc_testkit.world import World, build_world, vn

__all__ = ["World", "build_world", "vn"]
