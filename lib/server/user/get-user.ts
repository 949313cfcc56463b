import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/actor";
import { manageableUsersWhere, requireUserIdText, userAdminScope } from "@/lib/server/user/user-scope";
import { toUserView, userViewSelect } from "@/lib/server/user/user-view";
import type { UserView } from "@/lib/validations/admin-responses";

/** One account with its roles, for whoever may manage it (404 for no such account, 403 out of reach). */
export async function getUser(actor: Actor, userId: string): Promise<UserView> {
  const scope = userAdminScope(actor);
  requireUserIdText(userId);
  const row = await getDb().user.findFirst({ where: { id: userId, ...manageableUsersWhere(scope) }, select: userViewSelect });
  if (row) return toUserView(row);
  const exists = await getDb().user.count({ where: { id: userId } });
  throw exists ? new AppError("forbidden", "您没有权限管理这个账号") : new AppError("not_found", "没有找到这个账号");
}
