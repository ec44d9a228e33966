"""The Discord side shared by every cog: the Bot class, the publisher the scheduler posts through, replies
and views. It is a package of ``bot``, not of ``cogs``, so nothing here is loaded as an extension, and no
cog needs to import ``bot.app`` (which imports the cogs)."""
