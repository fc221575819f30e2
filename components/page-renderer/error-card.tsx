/** The small, named card a node shows in its place when it cannot render. */
export function ErrorCard({ title, message, pointer }: { title: string; message: string; pointer?: string }) {
  return (
    <div className="ap-error-card" role="alert" data-pointer={pointer}>
      <strong>{title}</strong>
      <span>{message}</span>
    </div>
  );
}
