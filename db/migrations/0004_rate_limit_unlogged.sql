-- Rate-limit counters are ephemeral: no WAL and no fsync per resident request; a crash merely resets the windows.
ALTER TABLE "rate_limit_windows" SET UNLOGGED;
