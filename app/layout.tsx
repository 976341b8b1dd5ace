import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "政府信息公开工作年度报告编制系统",
  description: "编制、审核和发布政府信息公开工作年度报告",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">
        <a href="#main" className="skip-link">
          跳到主要内容
        </a>
        {children}
      </body>
    </html>
  );
}
