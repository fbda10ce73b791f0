"""The floors (docs/arsitektur.md, issue 11): the package graph has no cycle and only
downward edges, and no module imports another package's private name or a command module.
import-linter (`lint-imports`, run by .ci/run) holds the layers; these add what it cannot say.
"""

import importlib

import pytest

from tests import lantai


def test_the_package_graph_points_only_downwards_and_has_no_cycle():
    urutan = {p: i for i, p in enumerate(lantai.PAKET)}
    sisi = lantai.sisi_paket()
    naik = [(a, b) for a, b in sisi if urutan[b] > urutan[a]]
    assert naik == []
    assert lantai.siklus(set(sisi)) == []


def test_no_private_name_crosses_a_package_and_no_command_module_is_imported():
    assert [str(p) for p in lantai.pelanggaran()] == []


def test_the_ground_floor_imports_no_app_of_the_project():
    sisi = lantai.sisi_paket()
    assert [b for a, b in sisi if a == "dasar"] == []


def test_the_floors_here_are_the_layers_import_linter_checks():
    import tomllib

    with open(lantai.AKAR / "pyproject.toml", "rb") as berkas:
        konfigurasi = tomllib.load(berkas)["tool"]["importlinter"]
    (lapisan,) = [k["layers"] for k in konfigurasi["contracts"] if k["type"] == "layers"]
    assert tuple(reversed(lapisan)) == lantai.PAKET
    assert sorted(konfigurasi["root_packages"]) == sorted(lantai.PAKET)


@pytest.mark.parametrize("paket", lantai.PAKET)
def test_every_package_is_packaged(paket):
    # pyproject's [tool.setuptools.packages.find] lists every package of the floors.
    import tomllib

    with open(lantai.AKAR / "pyproject.toml", "rb") as berkas:
        termasuk = tomllib.load(berkas)["tool"]["setuptools"]["packages"]["find"]["include"]
    assert f"{paket}*" in termasuk
    importlib.import_module(paket)


def test_the_month_lock_is_installed_by_the_approval_app():
    from capaian import kunci
    from laporan.models import KunciBulan

    assert kunci._penjaga is not None
    assert kunci._penjaga.model is KunciBulan
