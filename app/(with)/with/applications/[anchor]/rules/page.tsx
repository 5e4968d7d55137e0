// /with/applications/<anchor>/rules — the three default-deny rule layers,
// edited as forms, and the configuration templates as starting points.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApplicationPageHeader, loadApplicationPage } from "@/components/with/application-config/application-page";
import { RulesEditor } from "@/components/with/application-config/rules-editor";
import { TemplatePicker } from "@/components/with/application-config/template-picker";
import { loadRuleDraft } from "@/lib/developer/application-config/rules";
import { TEMPLATE_NAMES, TEMPLATES } from "@/lib/rules/templates";
import { applyTemplateAction, saveRulesAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("withDeveloper.tabs");
  return { title: t("rules") };
}

export default async function RulesPage({ params }: { params: Promise<{ anchor: string }> }) {
  const { anchor } = await params;
  const page = await loadApplicationPage(anchor, "rules");
  const t = await getTranslations("withApplication");
  const draft = await loadRuleDraft(page.deps.db, page.application.id);
  const readOnlyReason = page.readOnly ? t(`common.${page.readOnly === "viewer" ? "readOnlyViewer" : "readOnlyRetired"}`) : null;
  return (
    <>
      <ApplicationPageHeader name={page.name} anchor={page.application.anchor} tab="rules" lead={t("rules.lead")} readOnly={page.readOnly} />
      <TemplatePicker
        anchor={page.application.anchor}
        templates={TEMPLATE_NAMES.map((name) => ({ name, inputs: TEMPLATES[name].inputs }))}
        canEdit={page.canEdit}
        readOnlyReason={readOnlyReason}
        apply={applyTemplateAction}
      />
      <RulesEditor anchor={page.application.anchor} initial={draft} canEdit={page.canEdit} readOnlyReason={readOnlyReason} save={saveRulesAction} />
    </>
  );
}
