import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".lantern/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The layering in DESIGN.md: components never reach into server code.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/engine/*", "@/lib/clients/*", "@/lib/config/*", "@/lib/metrics/*", "@/lib/store/*", "@/lib/access/*", "@/probes/*", "@/lab/*"], message: "components must not import server code" },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "lib/**", "probes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lab/*", "../lab/*", "../../lab/*", "../../../lab/*"], message: "the product never imports the lab" }] },
      ],
    },
  },
];

export default config;
