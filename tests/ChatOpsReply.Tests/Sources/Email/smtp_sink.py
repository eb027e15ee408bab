"""An SMTP server for the e-mail tests, run by aiosmtpd: it keeps every message in a maildir,
and answers as a real server does for some recipients (refused@ 550, busy@ 451, slow@ never
answers the end of DATA in time)."""
import asyncio
import mailbox


class Sink:
    def __init__(self, mail_dir):
        self.mailbox = mailbox.Maildir(mail_dir, create=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("The maildir is required")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local == "refused":
            return "550 5.1.1 No such mailbox here"
        if local == "busy":
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.split("@")[0].lower() == "slow" for r in envelope.rcpt_tos):
            await asyncio.sleep(30)
        self.mailbox.add(envelope.original_content)
        return "250 Message accepted for delivery"
