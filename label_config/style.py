"""The CSS every interface carries in its ``<Style>`` tag: a compact block per output, hidden hotkey hints
where hotkeys are off, a visible "needs a rating" / "needs a rank" marker on each output still missing one, and
the notice under the PII question when it is answered No while the prompt still has a PII highlight. A long prompt
scrolls inside its box (at most 40% of the window high), so the questions below it stay on the first screen.

Plain CSS (Chromium, Firefox and Safari all support ``:has``). Label Studio 1.23 sanitises the text of a
``Style`` tag, so it holds no ``<``, ``>`` or double quotes: child combinators are written as descendant ones.

    >>> ">" in STYLE or '"' in STYLE
    False
"""

from __future__ import annotations

STYLE = """
.lg-help * { color: #555 !important; font-size: 13px !important; font-weight: normal !important; margin: 0 0 4px 0 !important; }
.lg-question { margin-top: 8px; }
.lg-prompt { padding: 10px; border: 1px solid #ddd; border-radius: 5px; background: #fafafa; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 40vh; overflow-y: auto; }
.lg-rule { color: #8a4b00; font-weight: bold; }
.lg-output { display: flex; gap: 16px; align-items: flex-start; padding: 8px 10px; margin: 8px 0; border: 1px solid #ccc; border-radius: 6px; }
.lg-output-text { flex: 1 1 50%; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.lg-output-text * { margin-top: 0 !important; }
.lg-output-answers { flex: 0 0 480px; max-width: 480px; }
.lg-line { display: flex; align-items: center; gap: 4px; min-height: 26px; }
.lg-label { flex: 0 0 92px; }
.lg-flags .lg-label { flex: 0 0 236px; }
.lg-label * { font-size: 13px !important; line-height: 15px !important; font-weight: 600 !important; margin: 0 !important; }
.lg-flags .lg-line { border-top: 1px dotted #e2e2e2; min-height: 23px; }
.lg-flags .lg-label * { font-weight: normal !important; }
.lg-line .ant-radio-wrapper, .lg-line .ant-checkbox-wrapper { margin-right: 2px; font-size: 13px; }
.lg-line .ant-radio-wrapper span.ant-radio + * { padding: 0 6px 0 4px; }
.lg-line .ant-rate { font-size: 18px; }
.lg-line .lsf-choices { margin: 0; }
.lg-todo-rating:not(:has(.ant-rate-star-full)) .lg-label::after, .lg-todo-rank:not(:has(.ant-radio-wrapper-checked)) .lg-label::after {
  display: inline-block; margin-top: 2px; color: #b45309; font-size: 11px; font-weight: 600; line-height: 14px; border: 1px solid #f59e0b; border-radius: 4px; padding: 0 3px; }
.lg-todo-rating:not(:has(.ant-rate-star-full)) .lg-label::after { content: 'needs a rating'; }
.lg-todo-rank:not(:has(.ant-radio-wrapper-checked)) .lg-label::after { content: 'needs a rank'; }
.lg-examples:has(.lg-turn) { padding: 8px 10px; margin-top: 8px; border: 1px dashed #bbb; border-radius: 5px; }
.lg-examples:has(.lg-turn)::before { content: 'Few-shot pairs in this prompt (query / response)'; display: block; font-weight: 600; margin-bottom: 4px; }
.lg-turn { display: flex; gap: 10px; align-items: baseline; padding: 2px 0; }
.lg-role { flex: 0 0 90px; }
.lg-role * { font-size: 13px !important; color: #555 !important; margin: 0 !important; }
.lg-pii-spans-left { display: none; }
.lg-root:has(.lg-q-pii input[name=No]:checked):has(.lg-prompt [class*=htx-highlight]) .lg-pii-spans-left {
  display: block; margin: 6px 0; padding: 6px 10px; border: 1px solid #f59e0b; border-radius: 5px; background: #fffbeb; }
.lg-pii-spans-left * { color: #92400e !important; font-size: 14px !important; margin: 0 !important; }
.lsf-hint { display: none; }
.lg-keys .lsf-hint { display: inline; }
"""
