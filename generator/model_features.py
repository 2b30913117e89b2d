"""The answers' ``features`` and the business facts they lead to, as typed models (part of ``model``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import WHOLE_NUMBER, Line, Slug, Strict, Text, Url


class Website(Strict):
    log_retention_days: Annotated[int, Field(ge=1, le=3650), WHOLE_NUMBER] | None = Field(
        None, description="Days server logs are kept; unset, the policy states the criterion (the wizard asks)."
    )
    statistics_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description="How long the statistics tools keep the data they collect (e.g. Google Analytics 4: 2 or 14).",
    )


class Contact(Strict):
    form: bool = True
    email: bool = True
    phone: bool = False
    keep_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description="Months to keep correspondence after the matter is closed; unset, the policy states the "
        "criterion (the wizard asks).",
    )


class Accounts(Strict):
    social_login: bool = False


class ChildData(Strict):
    """A child's data that a parent or legal guardian gives with an order (e.g. a product personalised
    with the child's photo): the child is not a party to the contract, so Art. 14 GDPR applies."""

    photo: bool = Field(True, description="The parent sends the child's photo.")
    name: bool = Field(True, description="The parent gives the child's first name.")
    age: bool = Field(False, description="You ask for the child's age.")
    declaration: bool = Field(
        True,
        description=(
            "The person who submits the data confirms that they are the child's parent or legal guardian, or act "
            "with their permission (e.g. a checkbox in the order form)."
        ),
    )
    keep_days: Annotated[int, Field(ge=1, le=3650), WHOLE_NUMBER] | None = Field(
        None,
        description=(
            "Days you keep the child's data after the order is carried out; leave out to state the criterion "
            "(until the product is made and delivered and the time for complaints has passed)."
        ),
    )

    @model_validator(mode="after")
    def _something(self) -> ChildData:
        if not (self.photo or self.name or self.age):
            raise PydanticCustomError("child_data_empty", "child data empty", {})
        return self


class PickupPoint(Strict):
    name: Line = Field(description="The pickup point's name, e.g. Sklep Spółdzielczy w Niepołomicach.")
    address: Line = Field(description="Its address in one line, e.g. ul. Rynek 5, 32-005 Niepołomice.")


class Intermediary(Strict):
    """The site sells on behalf of others: each seller concludes the contract of sale and controls
    the order data it receives; the operator runs the platform and passes the orders on."""

    sellers: Text = Field(
        description="Who the sellers are, per language, e.g. en: producers who are members of the association."
    )
    sellers_list_url: Url | None = Field(None, description="Where the list of sellers with their details is.")
    payments: Literal["operator", "sellers"] = Field(
        description=(
            "operator: you collect the buyer's payment on the sellers' behalf (through the payment services in "
            "features.shop.payments); sellers: buyers pay the seller directly and you receive no payment data."
        )
    )
    fees: bool = Field(
        False, description="You charge buyers fees of your own (e.g. a service or delivery fee) and invoice them."
    )
    pickup_points: list[PickupPoint] = Field(
        default_factory=list, description="Where buyers collect their orders, if they do."
    )


class Shop(Strict):
    payments: list[Slug] = Field(default_factory=list, description="Payment operators (service ids).")
    carriers: list[Slug] = Field(default_factory=list, description="Carriers (service ids).")
    guest_checkout: bool | None = None
    consumers: bool = Field(True, description="Do you sell to consumers (withdrawal, complaints)?")
    gift_recipients: bool = Field(
        False,
        description=(
            "The buyer can name someone else as the recipient (a gift, delivery to another person): that person's "
            "name, address and phone number are processed on our legitimate interest (Art. 6(1)(f) GDPR)."
        ),
    )
    child_data: ChildData | None = Field(
        None, description="Parents or guardians give a child's photo or name with an order (personalised products)."
    )
    intermediary: Intermediary | None = Field(
        None, description="You sell on behalf of others (producers, members, sellers), who are the sellers."
    )


class Saas(Strict):
    dpa_url: Url | None = Field(None, description="Where customers find the data processing agreement.")
    support: bool = True
    trial: bool = False


class Newsletter(Strict):
    tool: Slug = Field(description="Service id of the mailing tool.")
    double_opt_in: bool | None = None
    basis: Literal["consent", "legitimate_interest"] = Field(
        "consent", description="Polish law (art. 398 PKE) requires consent; anything else is flagged by `check`."
    )
    unsubscribe: bool = Field(True, description="Every message has a one-click unsubscribe link.")


class Webinars(Strict):
    tool: Slug = Field(description="Service id of the webinar platform.")
    recording: bool = False


class Comments(Strict):
    moderation: bool | None = None


class Surveys(Strict):
    tool: Slug | None = None


class Marketing(Strict):
    remarketing: bool = Field(False, description="Do you show ads to people who visited your site?")
    profiling: bool = Field(False, description="Do you group visitors into interest segments for ads?")


class SocialMedia(Strict):
    profiles: list[Slug] = Field(min_length=1, description="Service ids of your social media profiles.")


class Recruitment(Strict):
    form: bool = Field(True, description="Candidates apply through a form on the website.")
    email: bool = Field(True, description="Candidates apply by e-mail.")
    future_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description=(
            "Months for which the consent to future recruitments lets you keep an application (the number "
            "the consent clause names); leave out when you do not ask for that consent."
        ),
    )


class SessionRecording(Strict):
    """Session recording and heatmaps (Hotjar, Microsoft Clarity) as a purpose of their own, apart from statistics."""

    masks_input: bool = Field(
        description=(
            "Whether the tool is set to mask what people type into form fields (true: the policy says so; "
            "false: it says that recordings may include it)."
        )
    )


class BusinessContacts(Strict):
    """Contact persons at business clients: their employer (our client) gives us their details."""

    keep_months: Annotated[int, Field(ge=1, le=120), WHOLE_NUMBER] | None = Field(
        None,
        description=(
            "Months you keep a contact person's details after the cooperation with their employer ends; leave out "
            "to state the criterion (until claims from the cooperation are time-barred)."
        ),
    )


class Features(Strict):
    website: Website = Field(default_factory=Website)
    contact: Contact | None = None
    accounts: Accounts | None = None
    shop: Shop | None = None
    saas: Saas | None = None
    newsletter: Newsletter | None = None
    webinars: Webinars | None = None
    comments: Comments | None = None
    surveys: Surveys | None = None
    marketing: Marketing | None = None
    social_media: SocialMedia | None = None
    recruitment: Recruitment | None = None
    session_recording: SessionRecording | None = None
    business_contacts: BusinessContacts | None = Field(
        None, description="You keep details of contact persons at business clients (given by their employer)."
    )


class Bookkeeping(Strict):
    """How the business keeps its books and issues invoices (Polish law; a shop or SaaS only)."""

    form: Literal["full_books", "kpir", "lump_sum"] = Field(
        description=(
            "full_books: accounting books under the Accounting Act (companies, foundations, associations); "
            "kpir: the revenue and expense book (podatkowa księga przychodów i rozchodów); lump_sum: the "
            "lump-sum tax on recorded revenue (ryczałt). KPiR and lump sum are not under the Accounting Act."
        )
    )
    ksef: bool = Field(
        False,
        description=(
            "Invoices are issued through the National e-Invoice System (KSeF): mandatory for the largest "
            "taxpayers from 1 February 2026, for most others from 1 April 2026, for the smallest from 1 January "
            "2027; invoices to consumers are outside the obligation."
        ),
    )
