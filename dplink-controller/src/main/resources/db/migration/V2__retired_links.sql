-- When an operator retired the link (a wrong or expired deep link). Set by the API at once, so no later decision
-- chooses it; the worker then moves it to state RETIRED in a rotation step of its own (swapping the ad away from it
-- first when it is the one serving).
ALTER TABLE dpl_link ADD COLUMN retired_at TIMESTAMP(3) NULL;
