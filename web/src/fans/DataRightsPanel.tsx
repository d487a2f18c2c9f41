// A fan's rights over what Mesi's oracle holds about them, in plain words: download all of it
// as one file, or have the personal part of it erased. Both are requests only the account can
// make (its wallet signs a single-use message); erasure first says what goes and what stays and
// asks for an explicit confirmation, then reports what was erased.
import { useId, useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { signMessage } from "wagmi/actions";
import * as z from "zod/mini";
import { ERASURE_ACTION, EXPORT_ACTION } from "@mesi/abi";
import { explainError } from "../chain/errors.ts";
import { signedRequest } from "../data/signed-read.ts";
import { Problem } from "../ui/Problem.tsx";
import { WalletSection } from "../wallet/WalletSection.tsx";

// What the page reads of the export to summarise it; the file keeps every field as sent.
const ExportSummary = z.object({
  format: z.literal("mesi-export@1"),
  submissions: z.array(z.object({ answer: z.nullable(z.string()) })),
  activity: z.array(z.unknown()),
  flags: z.array(z.unknown()),
  reviews: z.array(z.unknown()),
  tqs: z.array(z.unknown()),
  receipts: z.array(z.unknown()),
});
const Erased = z.object({
  erased: z.object({
    submissionsErased: z.number(),
    submissionsWithdrawn: z.number(),
    appealTexts: z.number(),
    reviewerNotes: z.number(),
    auditTexts: z.number(),
  }),
  audit: z.object({ seq: z.string() }),
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function DataRights() {
  const id = useId();
  const { address } = useAccount();
  const config = useConfig();
  const sign = (message: string) => signMessage(config, { account: address!, message });

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const [file, setFile] = useState<{ url: string; name: string; summary: string }>();

  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [erasing, setErasing] = useState(false);
  const [eraseError, setEraseError] = useState<string>();
  const [erased, setErased] = useState<string>();

  const download = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const text = await signedRequest(
        "GET",
        `/v1/accounts/${address}/export`,
        EXPORT_ACTION,
        address!,
        sign,
      );
      const doc = ExportSummary.parse(JSON.parse(text));
      if (file) URL.revokeObjectURL(file.url);
      const name = `mesi-export-${address!.toLowerCase()}.json`;
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      setFile({
        url,
        name,
        summary: `${plural(doc.submissions.length, "task answer")} (${doc.submissions.filter((s) => s.answer !== null).length} with their text), ${plural(doc.activity.length, "activity event")}, ${plural(doc.flags.length, "flag")}, ${plural(doc.reviews.length, "review item")}, ${plural(doc.tqs.length, "TQS epoch")}, ${plural(doc.receipts.length, "receipt")}.`,
      });
      // Start the download at once; the link stays for a second try.
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
    } catch (err) {
      setExportError(explainError(err).message);
    } finally {
      setExporting(false);
    }
  };

  const erase = async () => {
    setErasing(true);
    setEraseError(undefined);
    try {
      const text = await signedRequest(
        "POST",
        `/v1/accounts/${address}/erasure`,
        ERASURE_ACTION,
        address!,
        sign,
      );
      const { erased: e, audit } = Erased.parse(JSON.parse(text));
      const parts = [
        e.submissionsErased && `the text of ${plural(e.submissionsErased, "scored answer")}`,
        e.submissionsWithdrawn &&
          `${plural(e.submissionsWithdrawn, "answer")} not scored yet (withdrawn whole)`,
        e.appealTexts && plural(e.appealTexts, "appeal text"),
        e.reviewerNotes && plural(e.reviewerNotes, "reviewer's note"),
      ].filter(Boolean);
      setErased(
        `${parts.length ? `Erased: ${parts.join(", ")}.` : "There was nothing personal left to erase."} Recorded as entry ${audit.seq} of the public audit log, without any of the content.`,
      );
      setConfirming(false);
      setUnderstood(false);
    } catch (err) {
      setEraseError(`${explainError(err).message} Nothing was erased; you can try again.`);
    } finally {
      setErasing(false);
    }
  };

  return (
    <>
      <h3 id={`${id}-export`}>Download everything Mesi holds about you</h3>
      <p className="muted">
        One file (JSON) with your consent history, every answer you sent with its text, your
        activity, the flags and review decisions about your work, your appeals, your Training
        Quality Score and engagement history, and a receipt for every epoch. Your wallet signs the
        request; nobody else can download it.
      </p>
      <div className="form-row" aria-labelledby={`${id}-export`}>
        <button type="button" disabled={exporting} onClick={() => void download()}>
          {exporting ? "Signing and preparing…" : "Download my data"}
        </button>
        {file && (
          <a href={file.url} download={file.name} data-testid="export-link">
            Save {file.name} again
          </a>
        )}
      </div>
      {file && (
        <p role="status" className="tx-status ok" data-testid="export-summary">
          Your file is ready: {file.summary}
        </p>
      )}
      <Problem>{exportError}</Problem>

      <h3 id={`${id}-erase`}>Erase your personal data</h3>
      <p className="muted">
        Erasing removes the text of your answers, ratings and poll choices, the text of your appeals
        and the reviewers&apos; notes about you, from the oracle&apos;s database and its disk. Work
        not scored yet is withdrawn. What stays: that you took part (task ids and times), your flags
        and scores, and the published datasets, which never held your texts, so every published
        score can still be checked by anyone. Erasing cannot be undone. To stop new work from being
        used, also withdraw your consent above.
      </p>
      {!confirming ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setErased(undefined);
            setConfirming(true);
          }}
        >
          Erase my personal data…
        </button>
      ) : (
        <div role="group" aria-labelledby={`${id}-erase`} className="notice warning">
          <p>
            <input
              type="checkbox"
              id={`${id}-understood`}
              checked={understood}
              onChange={(e) => setUnderstood(e.target.checked)}
            />{" "}
            <label htmlFor={`${id}-understood`} style={{ display: "inline" }}>
              I understand that my answers and appeal texts are erased for good
            </label>
          </p>
          <div className="form-row">
            <button type="button" disabled={!understood || erasing} onClick={() => void erase()}>
              {erasing ? "Signing and erasing…" : "Sign and erase"}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={erasing}
              onClick={() => {
                setConfirming(false);
                setUnderstood(false);
              }}
            >
              Keep my data
            </button>
          </div>
        </div>
      )}
      <Problem>{eraseError}</Problem>
      {erased && (
        <p role="status" className="tx-status ok" data-testid="erasure-result">
          {erased}
        </p>
      )}
    </>
  );
}

export default function DataRightsPanel() {
  return (
    <WalletSection title="Your data" purpose="download or erase what Mesi holds about you">
      <DataRights />
    </WalletSection>
  );
}
