"""Check digits (GB 11643, GB 32100), masking and 承诺编码."""

from __future__ import annotations

from datetime import date

from akq_cli.core.personal import mask_id, mask_text
from akq_cli.ledger.ids import commitment_code, credit_code_ok, id_number_ok, kind_of


def test_citizen_id_check_digit() -> None:
    assert id_number_ok("11010519491231002X")  # the standard's own example
    assert not id_number_ok("110105194912310021")
    assert not id_number_ok("11010519491231002")  # 17 characters
    assert not id_number_ok("1101051949123100XX")


def test_credit_code_check_character() -> None:
    assert credit_code_ok("91350100M000100Y43")  # a published example
    assert not credit_code_ok("91350100M000100Y44")
    assert not credit_code_ok("91350100M000100I43")  # I is not in the GB 32100 character set


def test_kind() -> None:
    assert kind_of("11010519491231002X") == "person"
    assert kind_of("91350100M000100Y43") == "organisation"
    assert kind_of("12345") is None


def test_masking() -> None:
    assert mask_id("11010519491231002X") == "1101**********002X"
    assert mask_id("91350100M000100Y43") == "91350100M000100Y43"  # public information
    assert mask_text("号码11010519491231002X。") == "号码1101**********002X。"
    # A 19-digit 承诺编码 is not an ID number and stays whole.
    assert mask_text("6530232026110200001") == "6530232026110200001"


def test_commitment_code() -> None:
    assert commitment_code(date(2026, 11, 2), 1) == "6530232026110200001"
