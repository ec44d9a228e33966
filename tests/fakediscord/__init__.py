"""A fake Discord (REST, gateway, CDN) on 127.0.0.1 for driving the real discord.py bot in tests.

The fixtures in tests/conftest.py give a test ``fake`` (started, discord.py pointed at it), ``world``
(a default guild) and ``bot`` (the application running against it)::

    async def test_show(fake: FakeDiscord, world: World, bot: commands.Bot) -> None:
        result = await fake.invoke("circle show", member=world.member, channel=world.channel)
        assert result.ephemeral and "no reading circle" in result.content

Every action returns once the bot has finished handling it (no sleeps). Modules: ``server`` (the
FakeDiscord facade and user actions), ``gateway``, ``rest`` (routes), ``validation`` (OpenAPI spec and
the limits in docs/ARCHITECTURE.md), ``state`` (the data and its JSON shapes), ``interactions`` (payload building and
results), ``runner`` (start/stop the bot), ``waiting`` (how the harness knows the bot is done), ``limits`` (the
global rate limit, injected failures, the invalid-request count). ``tests/clock.py`` has the test clock
(``fake.use_clock(clock)`` runs Discord's own timers, such as poll expiry, on it).
"""

from .interactions import CallbackType, InteractionResult, OptionType
from .rest import RequestRecord, Violation
from .runner import running_bot
from .server import FakeDiscord, SpecMissingWarning, World
from .state import Attachment, Channel, ChannelType, Guild, Member, Message, Perm, Poll, Role, User
from .waiting import FakeDiscordTimeout

__all__ = [
    "Attachment",
    "CallbackType",
    "Channel",
    "ChannelType",
    "FakeDiscord",
    "FakeDiscordTimeout",
    "Guild",
    "InteractionResult",
    "Member",
    "Message",
    "OptionType",
    "Perm",
    "Poll",
    "RequestRecord",
    "Role",
    "SpecMissingWarning",
    "User",
    "Violation",
    "World",
    "running_bot",
]
