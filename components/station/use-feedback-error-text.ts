"use client";

import { useTranslations } from "next-intl";
import type { FeedbackOutcome } from "@/components/station/post-feedback";
import { FEEDBACK_CONTACT_MAX, FEEDBACK_MESSAGE_MAX, type FeedbackErrorReason, type FeedbackField } from "@/lib/validations/feedback";

/** What went wrong with a submission as a whole, in the reader's language. */
export function useFeedbackErrorText() {
  const t = useTranslations("station.errors");
  return (outcome: FeedbackOutcome): string => {
    if (outcome.ok) return "";
    switch (outcome.reason) {
      case "validation":
        return t("form");
      case "rateLimited":
        return t("rateLimited", { minutes: outcome.minutes });
      default:
        return t(outcome.reason);
    }
  };
}

/** One field's problem, from the reason the shared schema gives, in the reader's language. */
export function useFieldErrorText() {
  const t = useTranslations("station.errors");
  return (field: FeedbackField, reason: FeedbackErrorReason): string => {
    if (reason === "tooLong") return t("tooLong", { max: field === "contact" ? FEEDBACK_CONTACT_MAX : FEEDBACK_MESSAGE_MAX });
    if (reason === "required") {
      if (field === "kind") return t("kindRequired");
      if (field === "amenityCode") return t("amenityRequired");
      if (field === "message") return t("messageRequired");
    }
    return t(reason);
  };
}
