/** @type {import('next').NextConfig} */
const nextConfig = {
  // pdfmake and the CJK font files are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["pdfmake", "pdfkit", "fontkit", "@expo-google-fonts/noto-serif-sc", "@expo-google-fonts/noto-sans-sc"],
};

export default nextConfig;
