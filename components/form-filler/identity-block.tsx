import { formatWareki } from "@/lib/dates/wareki";
import type { IdentityAnswer } from "@/lib/forms/answers";
import type { FillerMessages } from "@/lib/forms/page-messages";
import type { ResidentLocale } from "@/lib/i18n/locale";
import { rubyFor } from "@/components/liff/furigana";

/** The verified 基本4情報, read-only: the resident confirms them, never types them. */
export function IdentityBlock({ identity, locale, messages }: { identity: IdentityAnswer; locale: ResidentLocale; messages: FillerMessages }) {
  const r = rubyFor(locale);
  const f = messages.identityFields;
  const gender = identity.gender && Object.hasOwn(messages.genders, identity.gender) ? messages.genders[identity.gender as keyof FillerMessages["genders"]] : identity.gender;
  return (
    <div className="flex flex-col gap-2" data-testid="identity-block">
      <dl className="grid grid-cols-[7em_1fr] gap-x-3 gap-y-2 rounded-12 bg-solid-gray-50 p-4 text-std-18N-160">
        <dt className="font-bold">{r(f.name)}</dt>
        <dd lang="ja">{identity.name}</dd>
        <dt className="font-bold">{r(f.address)}</dt>
        <dd lang="ja">{identity.address}</dd>
        <dt className="font-bold">{r(f.birthDate)}</dt>
        <dd>{locale === "en" ? identity.birthDate : `${formatWareki(identity.birthDate)}（${identity.birthDate.replaceAll("-", "/")}）`}</dd>
        {gender ? (
          <>
            <dt className="font-bold">{r(f.gender)}</dt>
            <dd>{r(gender)}</dd>
          </>
        ) : null}
      </dl>
      <p className="text-std-16N-170 text-solid-gray-700">{r(messages.identityReadOnly)}</p>
    </div>
  );
}
