"""labelguide exporters: finished Label Studio tasks into reward-model pairs, SFT data, flat labels, statistics.

One module per step, each a plain function over a stream of tasks (tested by listing the stream):

    read.py       tasks from an export file or a live project, streamed (ijson)
    tasks.py      accessors: prompt, outputs, models, split, chat history, annotator, result values
    rankings.py   every Ranker / Pairwise result shape into {output id: rank}
    pairs.py      rankings into K-choose-2 preference pairs (ties, aggregation, ground truth)
    formats.py    pairs into trl / trl-chat / hh / openai / grouped records; JSONL and Parquet writers
    sft.py        demonstrations into prompt/completion or chat records
    labels.py     every guideline answer as flat records, one column per item
    stats.py      statistics of an export; agreement.py the agreement maths; report.py run and stats reports
    cli.py        thin click wrappers; the only place domain errors become click errors

See docs/formats_out.md.
"""
