// `npm run lint`: typescript-eslint's recommended rules over the plugin's code (CI fails on any
// warning). Formatting is Prettier's job (`npm run format`), so eslint-config-prettier turns off
// the rules that would argue with it.
import js from "@eslint/js"
import tseslint from "typescript-eslint"
import prettier from "eslint-config-prettier"

export default tseslint.config(
  {
    ignores: [
      ".medusa/**",
      "node_modules/**",
      "**/migrations/**",
      ".demo-data/**",
      "public/**",
      "bench-data/**",
      ".cache/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // tests and tooling may use `any` for fixtures and response bodies; module and API code may not
    files: ["**/__tests__/**", "**/*.spec.ts", "integration-tests/**", "scripts/**", "src/admin/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // command-line tooling loads optional CommonJS packages (autocannon, pg) with require
    files: ["scripts/**"],
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
        fetch: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        exports: "writable",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  }
)
