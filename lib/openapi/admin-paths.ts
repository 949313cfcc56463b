import { jsonBody, jsonContent, jsonSchema, queryParameters } from "@/lib/openapi/helpers";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/transfer/read-table";
import { XLSX_LIMITS } from "@/lib/transfer/xlsx-zip-guard";
import { contentTypes } from "@/lib/transfer/station-table";
import {
  areaStatisticsResponseSchema,
  coverageResponseSchema,
  createdUserSchema,
  importPlanSchema,
  importStreamEventSchema,
  passwordResetResultSchema,
  roleAssignmentSchema,
  stationExportCollectionSchema,
  userPageSchema,
  userSnapshotSchema,
  userViewSchema,
} from "@/lib/validations/admin-responses";
import { areaStatisticsQuerySchema, coverageQuerySchema } from "@/lib/validations/coverage";
import { contactErasedSchema, contactErasureSchema, contactMatchesSchema } from "@/lib/validations/feedback";
import { exportFileSchema, exportQuerySchema, importFileSchema, importQuerySchema } from "@/lib/validations/transfer";
import { createUserInputSchema, listUsersQuerySchema, passwordResetSchema, roleGrantSchema, userUpdateSchema } from "@/lib/validations/user";

const admin = { tags: ["admin"], security: [{ sessionCookie: [] }] };

const error = (description: string) => ({ description, content: jsonContent("Error") });

const unauthenticated = error("Not signed in, or the account is deactivated");
const crossSite = "or a state-changing request from another site";

/** Account management: a province admin manages everyone, a city manager the branch staff of their cities. */
const accountErrors = {
  "401": unauthenticated,
  "403": error(`Not a province admin or city manager, the account is out of the caller's reach, ${crossSite}`),
  "404": error("No such account"),
};

/** Erasing a reporter's contact: province admins only. */
const provinceAdminErrors = {
  "401": unauthenticated,
  "403": error(`Not a province admin, ${crossSite}`),
};

const bodyTooLarge = (kb: number) => error(`Body over ${kb} KB`);

/** Coverage, statistics, import and the coverage export: province admins (the province) and city managers (their cities). */
const areaErrors = {
  "401": unauthenticated,
  "403": error(`Not a province admin or city manager, ${crossSite}`),
};

const userIdParameter = { name: "id", in: "path", required: true, description: "The account's id", schema: { type: "string" } };

const contentDisposition = {
  "Content-Disposition": {
    description: "`attachment` with the Chinese file name as `filename*` (UTF-8, RFC 5987) and an ASCII `filename` fallback",
    schema: { type: "string" },
  },
};

const csvNote = "CSV is UTF-8 with a byte-order mark (EF BB BF) so that Excel opens it as UTF-8, with CRLF line ends";
const binary = { schema: { type: "string", format: "binary" } };

/** User accounts and roles, coverage and statistics, station import and export: the back office's API. */
export function adminPaths() {
  return {
    "/api/v1/admin/users": {
      get: {
        ...admin,
        summary: "List the accounts the caller manages",
        description:
          "Everyone for a province admin; the branch staff of their cities for a city manager. Filters combine and an empty parameter is no filter; newest account first, a page at a time.",
        parameters: queryParameters(listUsersQuerySchema),
        responses: {
          "200": { description: "A page of accounts with their roles", content: jsonContent("UserPage") },
          "400": error("A filter out of bounds, or an unknown or repeated parameter"),
          "401": unauthenticated,
          "403": error("Not a province admin or city manager"),
        },
      },
      post: {
        ...admin,
        summary: "Create an account",
        description:
          "With an optional first role. A city manager creates only branch staff of a station in their city, so `role` is required for them. The account signs in with its username or email and the password; audited without the password.",
        requestBody: jsonBody("CreateUserInput"),
        responses: {
          "201": { description: "Created", content: jsonContent("CreatedUser") },
          "400": error("Not JSON, a field out of bounds, or a role naming no such city or station (the detail's path is `role.cityAdcode` or `role.stationId`)"),
          "401": unauthenticated,
          "403": error(`Not allowed to create this account or grant this role, ${crossSite}`),
          "409": error("The username or email is taken"),
          "413": bodyTooLarge(8),
        },
      },
    },
    "/api/v1/admin/users/{id}": {
      get: {
        ...admin,
        summary: "One account with its roles",
        parameters: [userIdParameter],
        responses: { "200": { description: "The account", content: jsonContent("User") }, ...accountErrors },
      },
      patch: {
        ...admin,
        summary: "Change an account's name or email",
        description: "At least one of the two. The username stays as created. Audited with before and after.",
        parameters: [userIdParameter],
        requestBody: jsonBody("UserUpdate"),
        responses: {
          "200": { description: "The account after the change", content: jsonContent("UserSnapshot") },
          "400": error("Not JSON, a field out of bounds, or nothing to change"),
          ...accountErrors,
          "409": error("The email is another account's"),
          "413": bodyTooLarge(8),
        },
      },
    },
    "/api/v1/admin/users/{id}/password": {
      post: {
        ...admin,
        summary: "Set a new password for an account",
        description: "Ends every session of the account, so whoever held the old password is signed out everywhere. The audit log records that it happened, never the password.",
        parameters: [userIdParameter],
        requestBody: jsonBody("PasswordReset"),
        responses: {
          "200": { description: "The password is set", content: jsonContent("PasswordResetResult") },
          "400": error("Not JSON, or a password of fewer than 8 or more than 128 characters"),
          ...accountErrors,
          "413": bodyTooLarge(4),
        },
      },
    },
    "/api/v1/admin/feedback-contacts": {
      post: {
        ...admin,
        summary: "Find the feedback reports that hold a reporter's contact",
        description:
          "A reporter asked for their details to be deleted: the reports whose contact or message holds the contact (spaces, dashes and brackets ignored, case-insensitive), newest first. POST so that the contact never sits in a URL. Province admins only.",
        requestBody: jsonBody("ContactErasure"),
        responses: {
          "200": { description: "The matching reports", content: jsonContent("ContactMatches") },
          "400": error("Not JSON, or a contact of fewer than 5 characters (spaces and dashes not counted) or more than 100"),
          ...provinceAdminErrors,
          "413": bodyTooLarge(4),
        },
      },
    },
    "/api/v1/admin/feedback-contacts/erase": {
      post: {
        ...admin,
        summary: "Erase a reporter's contact from every feedback report",
        description:
          "In one transaction: the contact field of every matching report is emptied and the contact is replaced by [已删除] wherever a message holds it; one audit row per report says so without the contact. The rest of each report stays. Province admins only.",
        requestBody: jsonBody("ContactErasure"),
        responses: {
          "200": { description: "How many reports changed", content: jsonContent("ContactErased") },
          "400": error("Not JSON, or a contact of fewer than 5 characters (spaces and dashes not counted) or more than 100"),
          ...provinceAdminErrors,
          "413": bodyTooLarge(4),
        },
      },
    },
    "/api/v1/admin/users/{id}/deactivate": {
      post: {
        ...admin,
        summary: "Stop an account from signing in",
        description: "Ends its sessions. The account, its roles and its history stay; reactivating restores sign-in with the same password and roles.",
        parameters: [userIdParameter],
        responses: {
          "200": { description: "The account, deactivated", content: jsonContent("UserSnapshot") },
          ...accountErrors,
          "409": error("The caller's own account, an account already deactivated, or the province's last active admin"),
        },
      },
    },
    "/api/v1/admin/users/{id}/reactivate": {
      post: {
        ...admin,
        summary: "Let a deactivated account sign in again",
        parameters: [userIdParameter],
        responses: {
          "200": { description: "The account, active", content: jsonContent("UserSnapshot") },
          ...accountErrors,
          "409": error("The account is not deactivated"),
        },
      },
    },
    "/api/v1/admin/users/{id}/roles": {
      post: {
        ...admin,
        summary: "Grant an account a role",
        description:
          "A province admin grants any role; a city manager grants branch staff roles at their city's stations to their city's staff. Takes effect on the account's next request; audited.",
        parameters: [userIdParameter],
        requestBody: jsonBody("RoleGrant"),
        responses: {
          "201": { description: "Granted", content: jsonContent("RoleAssignment") },
          "400": error("Not JSON, a field out of bounds, or no such city or station (the detail's path is `cityAdcode` or `stationId`)"),
          ...accountErrors,
          "403": error(`Not allowed to grant this role or to manage this account, ${crossSite}`),
          "409": error("The account already holds this role"),
          "413": bodyTooLarge(4),
        },
      },
    },
    "/api/v1/admin/users/{id}/roles/{roleId}": {
      delete: {
        ...admin,
        summary: "Revoke a role",
        description: "Takes effect on the account's next request; audited.",
        parameters: [userIdParameter, { name: "roleId", in: "path", required: true, description: "The role's id, from the account's `roles`", schema: { type: "string", format: "uuid" } }],
        responses: {
          "200": { description: "The role as it was", content: jsonContent("RoleAssignment") },
          ...accountErrors,
          "404": error("No such account, or the account has no such role"),
          "409": error("The caller's own province-admin role (another admin must revoke it), or the province's last active admin"),
        },
      },
    },
    "/api/v1/admin/coverage": {
      get: {
        ...admin,
        summary: "Where residents live beyond walking reach of a station",
        description:
          "Over a 500 m grid of 2020 census residents: the districts and cells farther than `thresholdMeters` on foot from the nearest open station (offering `amenity`, if given). A province admin sees the province, a city manager their cities. See docs/COVERAGE.md.",
        parameters: queryParameters(coverageQuerySchema),
        responses: {
          "200": { description: "Coverage totals, per city and district, the gaps and the stations counted", content: jsonContent("Coverage") },
          "400": error("`thresholdMeters` out of range, an unknown amenity, or an unknown or repeated parameter"),
          ...areaErrors,
        },
      },
    },
    "/api/v1/admin/area-statistics": {
      get: {
        ...admin,
        summary: "Figures per city and district",
        description:
          "Stations, residents per open station, amenity shares, recent verification and open reports. A province admin sees every city, a city manager their cities. Takes no parameters.",
        parameters: queryParameters(areaStatisticsQuerySchema),
        responses: {
          "200": { description: "Every city with its districts", content: jsonContent("AreaStatistics") },
          "400": error("Any parameter: none is taken"),
          ...areaErrors,
        },
      },
    },
    "/api/v1/admin/import": {
      post: {
        ...admin,
        summary: "Import stations from a CSV or XLSX table",
        description: [
          "The table's format is the export's and the template's (`/api/v1/admin/import/template.xlsx`): one row per station, matched by `code`: a new code creates a station, a known one updates it where a cell differs. A city manager imports only their cities' stations.",
          "`mode=dry-run` answers the plan and writes nothing. `mode=apply` checks the file the same way, refuses it whole (422) if any row is rejected, then writes every row in one transaction and streams its progress; with `expect` = the dry run's `digest` it is refused (409) if the plan is no longer the one that was shown.",
        ].join("\n\n"),
        parameters: queryParameters(importQuerySchema),
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: {
                    type: "string",
                    format: "binary",
                    description: `The one file: CSV (UTF-8, or GBK/GB18030 as Excel in China saves it) or XLSX, recognised by its content; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS} data rows`,
                  },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: [
              "`mode=dry-run`: the plan, as JSON.",
              "`mode=apply`: NDJSON (`application/x-ndjson; charset=utf-8`), one `ImportStreamEvent` object per line, sent as the transaction writes: `{ type: \"progress\", done, total }` first with `done` 0 and then after every 500 stations, and one last line, either `{ type: \"done\", created, updated, unchanged }` when the transaction committed or `{ type: \"error\", error: { code, message } }` when it rolled back and nothing was written. The status is 200 even then: it was sent before the writing began.",
            ].join("\n\n"),
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/ImportPlan" } },
              "application/x-ndjson": { schema: { $ref: "#/components/schemas/ImportStreamEvent" } },
            },
          },
          "400": error("A bad `mode` or `expect`, not multipart/form-data, no `file` field or an empty one, or a file that cannot be read (old .xls, UTF-16, neither UTF-8 nor GBK)"),
          ...areaErrors,
          "409": error("`mode=apply`: the stations changed since the dry run named by `expect`, or meanwhile; nothing was written"),
          "413": error(`A file over ${MAX_IMPORT_BYTES / 1024 / 1024} MB or with more than ${MAX_IMPORT_ROWS} data rows, or an XLSX whose zip would inflate past ${XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024} MB, has over ${XLSX_LIMITS.maxEntries} parts or a compression ratio over ${XLSX_LIMITS.maxCompressionRatio} (a zip bomb)`),
          "422": error("`mode=apply`: rows are rejected (`error.details.rejected` lists them as the dry run does); nothing was written"),
        },
      },
    },
    "/api/v1/admin/import/{file}": {
      get: {
        ...admin,
        summary: "The import template or example",
        description:
          "`template.*`: the header and a commented-out example row (rows starting with # are skipped, so the template imports nothing as it is). `example.*`: a few sample stations. XLSX files have a second sheet explaining the columns.",
        parameters: [{ name: "file", in: "path", required: true, schema: jsonSchema(importFileSchema, "input") }],
        responses: {
          "200": {
            description: `The file, as a download. ${csvNote}.`,
            headers: contentDisposition,
            content: { [contentTypes.csv]: { schema: { type: "string" } }, [contentTypes.xlsx]: binary },
          },
          "401": unauthenticated,
          "403": error("The account holds no role"),
          "404": error("No such file"),
        },
      },
    },
    "/api/v1/admin/export/{file}": {
      get: {
        ...admin,
        summary: "Export stations or coverage",
        description:
          "`stations.*`: every station the caller may edit (the province for an admin, their cities for a manager, their stations for branch staff) in the import's table format, or as GeoJSON. `coverage.*`: stations, population, residents per station, modelled urban residents beyond 1 km on foot of an open station, verified and amenity shares per city and district, for province admins and city managers; `coverage.geojson` puts them on the bundled WGS-84 boundaries (one feature per city and per district). `city` narrows either to one city.",
        parameters: [{ name: "file", in: "path", required: true, schema: jsonSchema(exportFileSchema, "input") }, ...queryParameters(exportQuerySchema)],
        responses: {
          "200": {
            description: `The file, as a download. ${csvNote}; GeoJSON is WGS-84 [lng, lat].`,
            headers: contentDisposition,
            content: {
              [contentTypes.csv]: { schema: { type: "string" } },
              [contentTypes.xlsx]: binary,
              [contentTypes.geojson]: { schema: { $ref: "#/components/schemas/StationExportCollection" } },
            },
          },
          "400": error("`city` is not a city's adcode, or an unknown or repeated parameter"),
          "401": unauthenticated,
          "403": error("The account holds no role, or `coverage.*` for someone who is not a province admin or city manager"),
          "404": error("No such file"),
        },
      },
    },
  };
}

export function adminSchemas() {
  return {
    UserPage: jsonSchema(userPageSchema),
    User: jsonSchema(userViewSchema),
    CreateUserInput: jsonSchema(createUserInputSchema, "input"),
    CreatedUser: jsonSchema(createdUserSchema),
    UserUpdate: jsonSchema(userUpdateSchema, "input"),
    UserSnapshot: jsonSchema(userSnapshotSchema),
    PasswordReset: jsonSchema(passwordResetSchema, "input"),
    ContactErasure: jsonSchema(contactErasureSchema, "input"),
    ContactMatches: jsonSchema(contactMatchesSchema),
    ContactErased: jsonSchema(contactErasedSchema),
    PasswordResetResult: jsonSchema(passwordResetResultSchema),
    RoleGrant: jsonSchema(roleGrantSchema, "input"),
    RoleAssignment: jsonSchema(roleAssignmentSchema),
    Coverage: jsonSchema(coverageResponseSchema),
    AreaStatistics: jsonSchema(areaStatisticsResponseSchema),
    ImportPlan: jsonSchema(importPlanSchema),
    ImportStreamEvent: jsonSchema(importStreamEventSchema),
    StationExportCollection: jsonSchema(stationExportCollectionSchema),
  };
}
