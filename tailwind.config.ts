import type { Config } from "tailwindcss";

// Tailwind 4 reads its theme from CSS (app/globals.css, loaded with @config there);
// this file holds what CSS cannot: where the class names live.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        accent: { DEFAULT: "#6d28d9", soft: "#ede9fe" },
      },
    },
  },
};

export default config;
