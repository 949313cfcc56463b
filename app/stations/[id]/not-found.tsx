export default function StationNotFound() {
  return (
    <main className="page">
      <h1>没有找到这个驿站</h1>
      <p>链接可能有误，或驿站信息已被移除。</p>
      <a href="/">返回驿站地图</a>
    </main>
  );
}
