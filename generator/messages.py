"""User-facing error messages, keyed by stable error codes (pydantic's and ours).

Message ids are English; the Polish wording is in ``locales/pl/LC_MESSAGES/messages.po``.
Every message says what is wrong and what to do.
"""

from __future__ import annotations

from typing import Any

from .i18n import N_, gettext_for

MESSAGES: dict[str, str] = {
    # YAML and file level
    "file_missing": N_("file not found; check the path"),
    "language_entry_invalid": N_("a language of POLICYGEN_LANGUAGES cannot be used: %(problem)s"),
    "file_unreadable": N_("cannot read the file: %(reason)s"),
    "file_too_large": N_("file is larger than %(limit)s bytes; answers files are small, check the path"),
    "file_not_regular": N_(
        "not a regular file (a folder, a named pipe or a device); only regular files are read, check the path"
    ),
    "file_symlink_loop": N_("the path is a loop of symbolic links; check where the links point"),
    "not_utf8": N_("the file is not valid UTF-8; save it with UTF-8 encoding"),
    "yaml_syntax": N_("YAML syntax error: %(problem)s; fix the indentation or quoting near this place"),
    "yaml_empty": N_("the file is empty; start from an example in answers/"),
    "yaml_not_mapping": N_("the top level must be a mapping of keys to values (key: value)"),
    "yaml_multiple_documents": N_("the file holds more than one YAML document; keep one"),
    "yaml_too_deep": N_("nesting deeper than %(limit)s levels; answers files are never this deep"),
    "yaml_too_many_nodes": N_("more than %(limit)s values (aliases included); simplify the file"),
    "yaml_too_much_text": N_("more than %(limit)s characters of keys and values (aliases included); simplify the file"),
    "yaml_tag": N_("the tag %(tag)s is not allowed here; write a plain value, list or mapping without a tag"),
    "extends_invalid": N_("extends must name another answers file, e.g. extends: ../agency-defaults.yaml"),
    "extends_cycle": N_("extends goes round in a circle or deeper than %(limit)s files; check the chain"),
    "extends_append_not_list": N_(
        "%(key)s+ adds items to a list, but %(key)s here is not a list; write %(key)s: (without +) to replace it"
    ),
    "extends_append_and_replace": N_(
        "%(key)s and %(key)s+ in the same place; keep one: %(key)s replaces the inherited list, %(key)s+ adds to it"
    ),
    "duplicate_key": N_("key %(key)s appears twice in the same mapping (first at line %(first)s); keep one"),
    "ambiguous_number": N_(
        "YAML reads %(raw)s as the number %(value)s; write the number without a leading zero or quote it"
    ),
    "quote_hint": N_('YAML reads the unquoted %(raw)s as %(kind)s; put it in quotes: "%(raw)s"'),
    "kind_number": N_("a number"),
    "kind_bool": N_("yes/no"),
    "kind_date": N_("a date"),
    "kind_null": N_("an empty value"),
    # pydantic built-in error types
    "missing": N_("required field is missing; add it"),
    "extra_forbidden": N_("unknown key; check the spelling (see `policygen schema` for the allowed keys)"),
    "string_type": N_("expected text"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "date_type": N_("expected a date written as YYYY-MM-DD"),
    "date_parsing": N_("expected a date written as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("expected a date written as YYYY-MM-DD"),
    "decimal_type": N_("expected a number"),
    "decimal_parsing": N_("expected a number"),
    "list_type": N_("expected a list (lines starting with - )"),
    "dict_type": N_("expected a mapping (key: value lines)"),
    "model_type": N_("expected a mapping (key: value lines)"),
    "model_attributes_type": N_("expected a mapping (key: value lines)"),
    "literal_error": N_("must be one of: %(expected)s"),
    "enum": N_("must be one of: %(expected)s"),
    "too_short": N_("needs at least %(min_length)s item(s)"),
    "too_long": N_("too long: at most %(max_length)s"),
    "string_too_short": N_("must not be empty"),
    "string_too_long": N_("too long: at most %(max_length)s characters"),
    "string_pattern_mismatch": N_("does not match the expected format"),
    "greater_than": N_("must be greater than %(gt)s"),
    "greater_than_equal": N_("must be at least %(ge)s"),
    "less_than_equal": N_("must be at most %(le)s"),
    "union_text": N_("expected text, or a mapping with a text for each language (pl: …, en: …)"),
    # our validators (fields.py, servicedef.py, model.py)
    "nip_checksum": N_("not a valid NIP (checksum does not match); check the digits"),
    "nip_format": N_("not a valid NIP: expected 10 digits, e.g. 526-025-02-74"),
    "regon_checksum": N_("not a valid REGON (checksum does not match); check the digits"),
    "regon_format": N_("not a valid REGON: expected 9 or 14 digits"),
    "vat_checksum": N_("not a valid EU VAT number (checksum does not match)"),
    "vat_format": N_("not a valid EU VAT number: expected a country prefix and digits, e.g. LT100001919017"),
    "krs_format": N_("not a valid KRS number: expected 10 digits with leading zeros, e.g. 0000123456"),
    "lt_company_code_format": N_("not a valid Lithuanian company code: expected 9 digits"),
    "email_invalid": N_("not a valid e-mail address"),
    "phone_invalid": N_("not a valid phone number; write it with the country code, e.g. +48 22 123 45 67"),
    "url_invalid": N_("not a valid web address; write it in full, starting with https://"),
    "country_invalid": N_("not a country code; use the two-letter ISO code, e.g. PL, LT, DE"),
    "id_invalid": N_("not a valid id: use lowercase letters, digits and hyphens, e.g. google-analytics-4"),
    "text_empty": N_("must not be empty"),
    "text_multiline": N_("must be a single line"),
    "text_control": N_("contains the control character %(char)s, which a policy cannot show; remove it"),
    "number_from_bool": N_("YAML reads yes, no, on and off as true or false, not as a number; write a whole number"),
    "amount_invalid": N_(
        "not an amount in PLN: write a number up to %(max)s with at most two decimal places, e.g. 5000 or 5000.50"
    ),
    "email_link_chars": N_(
        "an e-mail address with ?, # or & would add hidden parts to the mailto: link in the policy; check the address"
    ),
    "language_duplicate": N_("language %(lang)s is listed twice; list each language once"),
    "lifetime_invalid": N_('not a valid lifetime: write "session" or e.g. "30 days", "13 months", "2 years"'),
    "postal_code_invalid": N_("not a valid postal code for %(country)s (in Poland: 00-000)"),
    "transfer_inside_eea": N_("this country is in the EEA: a transfer lists only countries outside it"),
    "dpf_not_us": N_("the Data Privacy Framework covers only recipients in the United States (US)"),
    "dpf_not_listed": N_("mechanism dpf needs a recipient on the Data Privacy Framework list (dpf: true)"),
    "transfer_country_needed": N_("name the country: only scc or bcr may be given without one"),
    "cookies_unsourced": N_(
        "a tool that runs on the website needs its cookies listed, or a source showing that it sets none"
    ),
    "self_hosted_sends_data": N_("self-hosted software cannot have transfers or third-party cookies"),
    "cookie_source_invalid": N_(
        "not a valid cookie source: write the address of the page that describes the cookie (https://…) "
        "or an Open Cookie Database row as ocd:<ID>"
    ),
    "cookie_source_unlisted": N_(
        "%(url)s is not among the sources with the cookies fact; add it to sources with facts: [cookies]"
    ),
    "cookie_source_missing": N_(
        "a catalogue cookie needs a source: the page that describes it (listed in sources with the cookies fact) "
        "or an Open Cookie Database row as ocd:<ID>"
    ),
    "ocd_unknown": N_("no Open Cookie Database row has the id %(id)s; look rows up with tools/ocd_lookup.py"),
    "ocd_name_mismatch": N_(
        "this Open Cookie Database row describes the cookie %(name)s, not this one; cite the row for this cookie"
    ),
    "host_invalid": N_(
        "not a host name: write it in lowercase without https:// or a path, e.g. www.googletagmanager.com "
        "or *.hotjar.com"
    ),
    "host_duplicate": N_("a host is listed twice; keep one"),
    "address_has_country": N_(
        "the address ends with the country (%(country)s); leave it out: the policy prints the country from "
        "country, in its own language"
    ),
    "fact_unsourced": N_("these facts have no source: %(facts)s; add a source with its url and check date"),
    "foreign_in_poland": N_(
        "a foreign company must have an address outside Poland; for Polish forms choose e.g. sp_zoo"
    ),
    "company_code_not_lt": N_("company_code is for Lithuanian companies; use registry for other countries"),
    "polish_number_for_foreign": N_(
        "%(field)s is a Polish register number; a foreign company uses vat_id and company_code"
    ),
    "polish_form_abroad": N_("this legal form is Polish: the address must be in Poland (or use foreign_company)"),
    "nip_required": N_("a Polish business needs its NIP; add nip"),
    "owner_required": N_("a sole trader needs the owner: add owner with first_name, last_name and gender"),
    "krs_for_sole_trader": N_("a sole trader is registered in CEIDG, not KRS; remove krs"),
    "owner_only_sole_trader": N_("owner is only for sole traders; remove it"),
    "krs_required": N_("this legal form is registered in the KRS; add krs"),
    "capital_not_applicable": N_("share capital applies only to sp_zoo and sa; remove share_capital"),
    "dpo_company_internal": N_("an internal DPO has no company; remove company or set kind: external"),
    "representative_outside_eea": N_("the EU representative must be established in the EU/EEA"),
    "consent_tool_place": N_(
        "say where people change their cookie choices: either link: footer or link: button, "
        "or settings: in your own words (not both)"
    ),
    "controller_id_duplicate": N_("two controllers have the same id; give each its own id"),
    "joint_required": N_("with more than one controller, describe the arrangement under joint"),
    "joint_needs_two": N_("joint needs at least two controllers under controllers"),
    "controller_unknown": N_("no controller has the id %(ref)s"),
    "representative_required": N_(
        "a controller outside the EU must name its EU representative (Art. 27 GDPR); add representative"
    ),
    "representative_not_needed": N_(
        "all controllers are in the EU/EEA, so there is no EU representative; remove representative"
    ),
    "service_id_duplicate": N_("two custom services have the same id"),
    "child_data_empty": N_("child_data names no data: set photo, name or age to true, or remove child_data"),
    "bookkeeping_without_sales": N_(
        "bookkeeping describes how invoices are kept, but nothing is sold: turn on features.shop or "
        "features.saas, or remove bookkeeping"
    ),
    "bookkeeping_not_polish": N_(
        "bookkeeping names Polish bookkeeping forms and KSeF, which apply only when every controller is "
        "established in Poland; remove bookkeeping"
    ),
    "purpose_id_taken": N_(
        "the purpose id %(ref)s is already used (by another purpose or a built-in one); choose another id"
    ),
    "service_unknown": N_(
        "no service with the id %(ref)s in the catalogue or custom_services; see `policygen services`"
    ),
    "service_without_feature": N_(
        "service %(ref)s needs features.%(feature)s, which is not turned on; turn it on or remove the service"
    ),
    "session_recording_without_tool": N_(
        "features.session_recording is on, but no session recording tool is used; add one to services "
        "(e.g. hotjar, microsoft-clarity) or remove features.session_recording"
    ),
    "service_use_unused": N_(
        "service_use names %(ref)s, which the answers do not use; add it to services or remove it here"
    ),
    "accounting_without_buyers": N_(
        "service %(ref)s keeps accounting records, but buyers pay the sellers directly and you invoice no fees of "
        "your own (features.shop.intermediary), so no buyer's data reach it; remove it from this policy or set "
        "intermediary.fees: true if you invoice buyers"
    ),
    "section_unknown": N_(
        "no section %(after)s to follow, or the id is already taken; see the section ids in the README"
    ),
    "templates_dir_missing": N_("extra_sections need templates_dir: the directory with their templates"),
    "template_error": N_("template error: %(error)s"),
    "template_no_heading": N_(
        "a section template starts with its heading, written {{ heading(2, 'Title', 'id') }} (a Markdown "
        "heading line is not read as one); nothing may come before it"
    ),
    "template_missing": N_("no template %(name)s for language %(language)s in %(dir)s"),
    "template_unsafe": N_("the template tried something the sandbox forbids: %(error)s"),
    "template_too_large": N_(
        "the template builds a value too large for a policy; check repetition (*), powers (**), ranges "
        "and the sizes given to filters"
    ),
    "overlay_missing": N_(
        "no directory here: the overlay (--templates) must be an existing directory with <lang>/*.md.j2 templates"
    ),
    "template_outside_overlay": N_(
        "this file is outside the overlay directory %(dir)s (a symbolic link out of it); "
        "overlay files must be inside it"
    ),
    "template_file_too_large": N_("file is larger than %(limit)s bytes; a template is a page of text, check the path"),
    "overlay_too_many_files": N_("the overlay directory holds more than %(limit)s files; point it at your templates"),
    "template_breaks_ours": N_(
        "this file replaces one of policygen's own templates, which use what it no longer has (%(error)s); "
        "keep every macro the original defines"
    ),
    "templates_dir_not_found": N_("no directory %(dir)s; templates_dir is relative to the file it is written in"),
    "change_after_effective_date": N_("a change is dated after effective_date; update effective_date"),
    "adequacy_unknown": N_("%(country)s has no adequacy decision on our list; use scc, bcr or dpf"),
    "value_error": N_("invalid value: %(error)s"),
    "text_language_missing": N_(
        "the text in %(language)s is missing: give this text in every language listed under languages"
    ),
    "text_per_language": N_(
        "write this text in each language of the policy (%(languages)s), as a mapping: {%(example)s}"
    ),
    "language_unknown": N_("not a policy language; choose from: %(choices)s"),
    "union_source": N_(
        "expected a source id (you, your_device, platform, our_records, our_records_use) or a mapping with the "
        "source in words for each language"
    ),
    "retention_one_form": N_(
        "give exactly one of: days, months or years (optionally with after), statute, or criterion"
    ),
    "override_interest_missing": N_("the basis is now legitimate_interest: state the interest in words under interest"),
    "override_obligation_missing": N_(
        "the basis is now legal_obligation: name the obligation in words under obligation"
    ),
}


def message(code: str, lang: str, /, **ctx: Any) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return gettext_for(lang, MESSAGES["value_error"]) % {"error": code.replace("_", " ")}
    text = gettext_for(lang, template)
    try:
        return text % ctx if ctx else text
    except (KeyError, TypeError, ValueError):
        return text
