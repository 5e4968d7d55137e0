// One delivery planner per inquiry purpose (lib/inquiry/delivery.ts).
import type { InquiryRow } from "@/db/queries/inquiries";
import type { DeliveryPlanner } from "../delivery";
import { connectDelivery } from "./connect";
import { deviceDelivery } from "./device";
import { oidcDelivery } from "./oidc";

export const DELIVERY_PLANNERS: Partial<Record<InquiryRow["purpose"], DeliveryPlanner>> = {
  CONNECT: connectDelivery,
  DEVICE: deviceDelivery,
  OIDC: oidcDelivery,
};
