export default function HomePage() {
  return (
    <main>
      <h1>政府信息公开工作年度报告编制系统</h1>
      <p>按官方格式填报、检查勾稽关系，并生成 DOCX、PDF 和网页版年度报告。</p>
    </main>
  );
}
